package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static dev.aijson.guice.Documents.only;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Products that are collections, maps or records holding objects of the graph: an {@code @AiJson}
 * method returning the layers it built, a provider of a list of layers, and the provider and
 * multimap forms Guice's multibinders bind. Each is recorded without waiting, states only what
 * was observed, and replays or is refused naming the var.
 *
 * <p>Regression: recording one spun forever in {@code VarStore.get}, holding the recorder's lock,
 * because whether the product is inline was decided after its var's number was taken.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GraphCollectionProductsTest {
  /** A dense layer of a network. */
  static class Layer {
    final int units;

    @Inject
    Layer(@Named("units") int units) {
      this.units = units;
    }
  }

  /** Builds layers for a network on demand. */
  static class LayerStack {
    final Layer base;

    @Inject
    LayerStack(Layer base) {
      this.base = base;
    }

    @AiJson
    public List<Layer> layers(int depth) {
      List<Layer> layers = new ArrayList<>();
      for (int i = 0; i < depth; i++) {
        layers.add(base);
      }
      return layers;
    }
  }

  static class LayersProvider implements Provider<List<Layer>> {
    final Layer layer;

    @Inject
    LayersProvider(Layer layer) {
      this.layer = layer;
    }

    @Override
    public List<Layer> get() {
      return List.of(layer, layer);
    }
  }

  static class Network {
    final List<Layer> layers;

    @Inject
    Network(List<Layer> layers) {
      this.layers = layers;
    }
  }

  /** A step of a preprocessing pipeline. */
  interface Step {}

  static class Lowercase implements Step {
    @Inject
    Lowercase() {}
  }

  static class StripAccents implements Step {
    @Inject
    StripAccents() {}
  }

  /** Looks layers up lazily, by name. */
  static class LayerRegistry {
    final Map<String, Provider<Layer>> layers;

    @Inject
    LayerRegistry(Map<String, Provider<Layer>> layers) {
      this.layers = layers;
    }
  }

  /** Makes fresh steps for each batch. */
  static class StepFactory {
    final Collection<Provider<Step>> steps;

    @Inject
    StepFactory(Collection<Provider<Step>> steps) {
      this.steps = steps;
    }
  }

  /** The steps of each stage, by stage name. */
  static class Stages {
    final Map<String, Set<Step>> stages;

    @Inject
    Stages(Map<String, Set<Step>> stages) {
      this.stages = stages;
    }
  }

  /** Reads the batch size of each split, eagerly and lazily. */
  static class BatchSizes {
    final Map<String, Integer> sizes;
    final Map<String, Provider<Integer>> lazySizes;

    @Inject
    BatchSizes(Map<String, Integer> sizes, Map<String, Provider<Integer>> lazySizes) {
      this.sizes = sizes;
      this.lazySizes = lazySizes;
    }
  }

  static final class UnitsModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("units")).to(64);
    }
  }

  private static Injector recording(Module... modules) {
    List<Module> all = new ArrayList<>(List.of(modules));
    all.add(0, new AiJsonModule().withoutEnvironment());
    all.add(new UnitsModule());
    return Guice.createInjector(all);
  }

  private static Injector serving(String json) {
    return Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));
  }

  private static String json(Injector injector) {
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  @Test
  void aiJsonCall_returningLayersOfTheGraph_isACallVarAndReplays() {
    Injector injector = recording();
    LayerStack stack = injector.getInstance(LayerStack.class);
    assertThat(stack.layers(3)).hasSize(3);
    String json = json(injector);

    AiJsonDocument document = AiJsonDocument.parse(json);
    AiJsonVar call = only(document, "GraphCollectionProductsTest$LayerStack#layers");
    assertThat(call.kind()).isEqualTo(AiJsonVar.Kind.CALL);
    assertThat(call.receiver()).isEqualTo(AiJsonRef.to(only(document, "GraphCollectionProductsTest$LayerStack").name()));
    assertThat(call.kwargs()).containsExactly("depth", 3L);
    assertThat(serving(json).getInstance(LayerStack.class).layers(2)).hasSize(2);
  }

  @Test
  void aiJsonCall_returningLayers_twice_recordsEachCall() {
    Injector injector = recording();
    LayerStack stack = injector.getInstance(LayerStack.class);
    stack.layers(1);
    stack.layers(2);

    assertThat(Documents.all(Documents.of(injector), "GraphCollectionProductsTest$LayerStack#layers")
        .stream().map(v -> v.kwargs().get("depth")).toList()).containsExactly(1L, 2L).inOrder();
  }

  @Test
  void toProvider_listOfLayers_isWrittenAsTheLayersAndReplays() {
    Module wiring = binder -> binder.bind(new TypeLiteral<List<Layer>>() {}).toProvider(LayersProvider.class);
    Injector injector = recording(wiring);
    assertThat(injector.getInstance(Network.class).layers).hasSize(2);
    String json = json(injector);

    AiJsonDocument document = AiJsonDocument.parse(json);
    AiJsonRef layer = AiJsonRef.to(only(document, "GraphCollectionProductsTest$Layer").name());
    assertThat(only(document, "GraphCollectionProductsTest$Network").kwargs())
        .containsExactly("layers", List.of(layer, layer));
    Network served = serving(json).getInstance(Network.class);
    assertThat(served.layers).hasSize(2);
    assertThat(served.layers.get(0).units).isEqualTo(64);
  }

  @Test
  void mapBinder_mapOfProviders_isAnOpaqueVarUnderItsKeyAndItsReplayNamesTheBinderToBind() {
    Module wiring = binder -> {
      MapBinder<String, Layer> layers = MapBinder.newMapBinder(binder, String.class, Layer.class);
      layers.addBinding("encoder").to(Layer.class);
    };
    Injector injector = recording(wiring);
    assertThat(injector.getInstance(LayerRegistry.class).layers.keySet()).containsExactly("encoder");
    String json = json(injector);

    AiJsonDocument document = AiJsonDocument.parse(json);
    AiJsonVar registry = only(document, "GraphCollectionProductsTest$LayerRegistry");
    AiJsonVar providers = document.var(((AiJsonRef) registry.kwargs().get("layers")).var());
    assertThat(providers.kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(providers.key()).isEqualTo("java.util.Map<java.lang.String, com.google.inject.Provider<"
        + Layer.class.getName() + ">>");
    assertThat(json).doesNotContain("com.google.inject.internal");
    CreationException e = assertThrows(CreationException.class, () -> serving(json));
    assertThat(e.getCause()).hasMessageThat().contains("that Guice binds beside a Multibinder's or"
        + " MapBinder's collection: it holds bindings, not objects the recording made");
    assertThat(e.getCause()).hasMessageThat().contains("Bind that Multibinder or MapBinder in a module of your own");
  }

  @Test
  void multibinder_collectionOfProviders_isAnOpaqueVarServedByTheServingModulesBinder() {
    Module wiring = binder -> {
      Multibinder<Step> steps = Multibinder.newSetBinder(binder, Step.class);
      steps.addBinding().to(Lowercase.class);
      steps.addBinding().to(StripAccents.class);
    };
    Injector injector = recording(wiring);
    assertThat(injector.getInstance(StepFactory.class).steps).hasSize(2);
    String json = json(injector);

    AiJsonDocument document = AiJsonDocument.parse(json);
    AiJsonVar factory = only(document, "GraphCollectionProductsTest$StepFactory");
    assertThat(document.var(((AiJsonRef) factory.kwargs().get("steps")).var()).kind())
        .isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(json).doesNotContain("com.google.inject.internal");
    // the serving code binds the binder, as its own wiring does: its Collection<Provider<Step>> is used
    StepFactory served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json), wiring)
        .getInstance(StepFactory.class);
    assertThat(served.steps).hasSize(2);
  }

  @Test
  void mapBinder_permitDuplicatesMapOfSets_writesTheStepsItHeldAndReplays() {
    Module wiring = binder -> {
      MapBinder<String, Step> stages = MapBinder.newMapBinder(binder, String.class, Step.class).permitDuplicates();
      stages.addBinding("normalize").to(Lowercase.class);
      stages.addBinding("normalize").to(StripAccents.class);
    };
    Injector injector = recording(wiring);
    assertThat(injector.getInstance(Stages.class).stages.get("normalize")).hasSize(2);
    String json = json(injector);

    AiJsonDocument document = AiJsonDocument.parse(json);
    AiJsonVar multimap = only(document, "MapBinder");
    assertThat(only(document, "GraphCollectionProductsTest$Stages").kwargs())
        .containsExactly("stages", AiJsonRef.to(multimap.name()));
    assertThat(multimap.kwargs()).containsExactly("keys", List.of("normalize", "normalize"), "values", List.of(
        AiJsonRef.to(only(document, "GraphCollectionProductsTest$Lowercase").name()),
        AiJsonRef.to(only(document, "GraphCollectionProductsTest$StripAccents").name()))).inOrder();
    // the steps are written without Guice's internal element keys, and the map as the steps it held
    assertThat(json).doesNotContain("com.google.inject.internal");
    Stages served = serving(json).getInstance(Stages.class);
    assertThat(served.stages.get("normalize")).hasSize(2);
  }

  @Test
  void mapBinder_mapOfConstantProviders_isServedByTheReplayedMapBinder() {
    Module wiring = binder -> {
      MapBinder<String, Integer> sizes = MapBinder.newMapBinder(binder, String.class, Integer.class);
      sizes.addBinding("train").toInstance(32);
      sizes.addBinding("eval").toInstance(128);
    };
    Injector injector = recording(wiring);
    assertThat(injector.getInstance(BatchSizes.class).lazySizes.get("eval").get()).isEqualTo(128);
    String json = json(injector);

    AiJsonDocument document = AiJsonDocument.parse(json);
    AiJsonVar map = only(document, "MapBinder");
    assertThat(map.kwargs()).containsExactly("keys", List.of("train", "eval"), "values", List.of(32L, 128L));
    AiJsonVar sizes = only(document, "GraphCollectionProductsTest$BatchSizes");
    assertThat(sizes.kwargs().get("sizes")).isEqualTo(AiJsonRef.to(map.name()));
    assertThat(document.var(((AiJsonRef) sizes.kwargs().get("lazySizes")).var()).kind())
        .isEqualTo(AiJsonVar.Kind.OPAQUE);
    // the map the document records is replayed through Guice's MapBinder, which binds its Provider form too
    BatchSizes served = serving(json).getInstance(BatchSizes.class);
    assertThat(served.lazySizes.get("eval").get()).isEqualTo(128);
    assertThat(served.sizes).containsExactly("train", 32, "eval", 128);
  }
}
