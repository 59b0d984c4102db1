package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provides;
import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import org.junit.jupiter.api.Test;

/**
 * What the document and the class path already show is reported when the serving injector is
 * created, never at the first request: a serving start that passed {@code from} and {@code
 * createInjector} does not fail later for it.
 */
class ReplayStartChecksTest {
  record Config(int hidden, String optimizer) {}

  static class Net {
    final int hidden;

    Net(int hidden) {
      this.hidden = hidden;
    }
  }

  static class Trainer {
    final Net net;

    @Inject
    Trainer(Net net) {
      this.net = net;
    }
  }

  /** A module that takes its configuration in its constructor, as real training modules do. */
  static final class ConfiguredModule extends AbstractModule {
    private final Config config;

    ConfiguredModule(Config config) {
      this.config = config;
    }

    @Provides
    Net net() {
      return new Net(config.hidden());
    }
  }

  /** A module its library makes through a factory method, as Guice users would get it. */
  static final class LibraryModule extends AbstractModule {
    private LibraryModule() {}

    static LibraryModule create() {
      return new LibraryModule();
    }

    @Provides
    Net net() {
      return new Net(32);
    }
  }

  private static String trainWithLibraryModule() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), LibraryModule.create());
    injector.getInstance(Trainer.class);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  /** A class whose author opted in to replay anywhere. */
  @AiJson
  static final class Marked {
    @Inject
    Marked() {}
  }

  private static String train() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(),
        new ConfiguredModule(new Config(256, "adam")));
    injector.getInstance(Trainer.class);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  /**
   * A module whose constructor does not store what it is given as it is: its field cannot be
   * matched to a constructor parameter, so replay cannot rebuild it faithfully.
   */
  static final class DoublingModule extends AbstractModule {
    private final int hidden;

    DoublingModule(int width) {
      this.hidden = width * 2;
    }

    @Provides
    Net net() {
      return new Net(hidden);
    }
  }

  private static String trainWithDoublingModule() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new DoublingModule(64));
    injector.getInstance(Trainer.class);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  private static final String DOUBLING_REFUSAL = "var0 (dev.aijson.guice.ReplayStartChecksTest"
      + "$DoublingModule): replay cannot rebuild the module dev.aijson.guice.ReplayStartChecksTest"
      + "$DoublingModule from its recorded fields (hidden): no non-private constructor takes"
      + " exactly that field by name and type, and it has no non-private no-argument constructor"
      + " after which to set them. Add a non-private constructor that takes exactly those fields"
      + " by name and type and stores them (compiled with -parameters), or supply the module with"
      + " withInstance(\"var0\", module). The module var is at /vars/var0.";

  @Test
  void createInjector_moduleWithConfigInItsConstructor_isRebuiltFromItsRecordedFields() {
    ReplayModule replay = ReplayModule.allowing("dev.aijson.guice").from(train());

    assertThat(Guice.createInjector(replay).getInstance(Trainer.class).net.hidden).isEqualTo(256);
  }

  @Test
  void from_moduleWhoseFieldsNoConstructorTakes_isRefusedNamingTheModule() {
    String json = trainWithDoublingModule();

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(e.path()).isEqualTo("/vars/var0");
    assertThat(e).hasMessageThat().isEqualTo(DOUBLING_REFUSAL);
  }

  @Test
  void from_moduleWhoseFieldsNoConstructorTakes_suppliedBeforehand_buildsWithIt() {
    ReplayModule replay = ReplayModule.allowing("dev.aijson.guice")
        .withInstance("var0", new DoublingModule(8))
        .from(trainWithDoublingModule());

    assertThat(Guice.createInjector(replay).getInstance(Trainer.class).net.hidden).isEqualTo(16);
  }

  @Test
  void createInjector_moduleWhoseFieldsNoConstructorTakes_deferredForm_isRefusedAtCreation() {
    ReplayModule replay = ReplayModule.from(trainWithDoublingModule()).allowPackages("dev.aijson.guice");

    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(replay));

    assertThat(e.getCause()).isInstanceOf(AiJsonException.class);
    assertThat(((AiJsonException) e.getCause()).path()).isEqualTo("/vars/var0");
    assertThat(e.getCause()).hasMessageThat().isEqualTo(DOUBLING_REFUSAL);
  }

  @Test
  void from_moduleWithPrivateConstructor_isRefusedNamingTheModuleAndTheFix() {
    String json = trainWithLibraryModule();

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(e).hasMessageThat().isEqualTo("var0 (dev.aijson.guice.ReplayStartChecksTest"
        + "$LibraryModule#net): replay cannot instantiate the module class dev.aijson.guice."
        + "ReplayStartChecksTest$LibraryModule to call net: its no-argument constructor is private."
        + " Supply the module, or the object the method returns, with withInstance(\"var0\","
        + " object). The var is at /vars/var0.");
  }

  @Test
  void createInjector_moduleWithPrivateConstructorSupplied_buildsWithIt() {
    ReplayModule replay = ReplayModule.allowing("dev.aijson.guice")
        .withInstance("var0", LibraryModule.create()).from(trainWithLibraryModule());

    assertThat(Guice.createInjector(replay).getInstance(Trainer.class).net.hidden).isEqualTo(32);
  }

  /**
   * Guice names a binding's source in its messages; a replayed key's is its var in the document,
   * not the line that called {@code createInjector}.
   */
  @Test
  void createInjector_keyAlsoBoundByTheServingModule_guiceNamesTheVarAndItsPointer() {
    ReplayModule replay = ReplayModule.allowing("dev.aijson.guice").from(train());
    AbstractModule serving = new AbstractModule() {
      @Override
      protected void configure() {
        bind(Trainer.class).toInstance(new Trainer(new Net(8)));
      }
    };

    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(replay, serving));

    assertThat(e).hasMessageThat().contains("ReplayStartChecksTest$Trainer was bound multiple times");
    // Guice shortens class names in its messages, with a legend of them at the end
    assertThat(e).hasMessageThat().contains(
        "1  : ReplayModule, rebuilding var2 (ReplayStartChecksTest$Trainer) recorded at /vars/var2");
  }

  @Test
  void createInjector_replayedKeys_haveTheirVarAsSource() {
    Injector injector = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(train()));

    assertThat(injector.getBinding(Net.class).getSource().toString()).isEqualTo("ReplayModule,"
        + " rebuilding var1 (dev.aijson.guice.ReplayStartChecksTest$ConfiguredModule#net) recorded at /vars/var1");
  }

  @Test
  void from_injectClassOutsideTheAllowedPackages_isRefusedAtCreation() {
    ReplayModule replay = ReplayModule.from(train());

    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(replay));

    assertThat(e.getCause()).hasMessageThat().contains("var2 (dev.aijson.guice.ReplayStartChecksTest"
        + "$Trainer): replay does not construct dev.aijson.guice.ReplayStartChecksTest$Trainer: its"
        + " package is not allowed and the class is not annotated @AiJson (an @Inject constructor"
        + " alone is not enough). Allow it with ReplayModule.allowing(\"dev.aijson.guice\") or"
        + " allowPackages(\"dev.aijson.guice\"), or annotate the class with @AiJson; the document names it at /vars/var2/caller.");
  }

  /**
   * One check of the document tells a refusal that allowing the document's own packages lifts
   * from any other problem: the other problem is thrown by {@code from} at once, with the
   * refusals beside it.
   */
  @Test
  void from_refusedDocumentWithAClassThatDoesNotLoad_isThrownByFrom() {
    String json = train().replace("\"caller\": \"ReplayStartChecksTest$Trainer\"",
        "\"caller\": \"ReplayStartChecksTest$Missing\"");

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.from(json));

    assertThat(e).hasMessageThat().contains("var2 (dev.aijson.guice.ReplayStartChecksTest$Missing):"
        + " class dev.aijson.guice.ReplayStartChecksTest$Missing cannot be loaded (ClassNotFoundException)."
        + " Put the jar that holds it on the classpath, call ReplayModule.from with a thread context"
        + " class loader that sees it, or fix \"module\" and \"caller\" at /vars/var2.");
    assertThat(e).hasMessageThat().contains("replay does not make"); // var0's module, refused
  }

  /**
   * A problem inside a var the policy refused is not looked for until the refusal is lifted:
   * the refusal is reported when the injector is created, and {@code allowPackages} then
   * throws the problem it hid.
   */
  @Test
  void from_problemInsideARefusedVar_isThrownOnceItsPackageIsAllowed() {
    String json = train().replace("\"hidden\": 256", "\"hidden\": \"wide\"");
    ReplayModule replay = ReplayModule.from(json);

    CreationException refused = assertThrows(CreationException.class, () -> Guice.createInjector(replay));
    assertThat(refused.getCause()).hasMessageThat().contains("its package is not allowed");

    AiJsonException e = assertThrows(AiJsonException.class, () -> replay.allowPackages("dev.aijson.guice"));
    assertThat(e.path()).isEqualTo("/vars/var0/members/config/hidden");
  }

  @Test
  void from_refusedDocument_stillTellsItsDocumentWithItsOverrides() {
    ReplayModule replay = ReplayModule.from(train()).override("var0.members.config.hidden", 64);

    Object config = replay.document().var("var0").members().get("config");

    assertThat(String.valueOf(((java.util.Map<?, ?>) config).get("hidden"))).isEqualTo("64");
  }

  @Test
  void from_refusedDocument_overrideOfAWrongType_isThrownAtOnce() {
    ReplayModule refused = ReplayModule.from(train());

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> refused.override("var0.members.config.hidden", "wide"));

    assertThat(e.path()).isEqualTo("/vars/var0/members/config/hidden");
    assertThat(e).hasMessageThat().contains("\"wide\"");
  }

  @Test
  void from_refusedDocument_overrideOrInstanceOfAMissingVar_isThrownAtOnce() {
    ReplayModule refused = ReplayModule.from(train());

    AiJsonException override = assertThrows(AiJsonException.class,
        () -> refused.override("var99.kwargs.hidden", 1));
    AiJsonException instance = assertThrows(AiJsonException.class,
        () -> refused.withInstance("var99", new Object()));

    assertThat(override).hasMessageThat().contains("var99");
    assertThat(instance).hasMessageThat().contains("var99");
  }

  /** A document whose own problem the refusal hides keeps it, and the change, for allowPackages. */
  @Test
  void from_problemInsideARefusedVar_overrideIsKeptForAllowPackages() {
    ReplayModule replay = ReplayModule.from(train().replace("\"hidden\": 256", "\"hidden\": \"wide\""))
        .override("var0.members.config.optimizer", "adam");

    AiJsonException e = assertThrows(AiJsonException.class, () -> replay.allowPackages("dev.aijson.guice"));

    assertThat(e.path()).isEqualTo("/vars/var0/members/config/hidden");
  }

  @Test
  void from_problemInsideARefusedVar_documentThrowsTheRefusal() {
    ReplayModule replay = ReplayModule.from(train().replace("\"hidden\": 256", "\"hidden\": \"wide\""));

    AiJsonException e = assertThrows(AiJsonException.class, replay::document);

    assertThat(e).hasMessageThat().contains("its package is not allowed");
  }

  @Test
  void from_thenAllowPackages_replays() {
    ReplayModule replay = ReplayModule.from(train()).allowPackages("dev.aijson.guice")
        .withInstance("var0", new ConfiguredModule(new Config(16, "sgd")));

    assertThat(Guice.createInjector(replay).getInstance(Trainer.class).net.hidden).isEqualTo(16);
  }

  @Test
  void allowing_injectClassOutsideTheAllowedPackages_isThrownByFrom() {
    String json = train();

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing("com.acme").from(json));

    assertThat(e).hasMessageThat().contains("replay does not construct"
        + " dev.aijson.guice.ReplayStartChecksTest$Trainer");
  }

  @Test
  void from_aiJsonClass_isReplayedWithoutAllowedPackages() {
    Injector recording = Guice.createInjector(new AiJsonModule().withoutEnvironment());
    recording.getInstance(Marked.class);
    String json = recording.getInstance(AiJsonLog.class).toJson();

    assertThat(Guice.createInjector(ReplayModule.from(json)).getInstance(Marked.class)).isNotNull();
  }

  @Test
  void createInjector_moduleSupplied_buildsWithIt() {
    ReplayModule replay = ReplayModule.allowing("dev.aijson.guice").from(train())
        .withInstance("var0", new ConfiguredModule(new Config(128, "sgd")));

    assertThat(Guice.createInjector(replay).getInstance(Trainer.class).net.hidden).isEqualTo(128);
  }

  @Test
  void createInjector_productSupplied_needsNoModule() {
    Net net = new Net(64);
    ReplayModule replay = ReplayModule.allowing("dev.aijson.guice").from(train()).withInstance("var1", net);

    assertThat(Guice.createInjector(replay).getInstance(Trainer.class).net).isSameInstanceAs(net);
  }

  @Test
  void unbuildable_coreReplayer_namesTheModuleBeforeAnyBuild() {
    dev.aijson.core.replay.AiJsonReplayer replayer = dev.aijson.core.replay.AiJsonReplayer
        .allowing("dev.aijson.guice").of(AiJsonDocument.parse(trainWithDoublingModule()));

    assertThat(replayer.unbuildable("var0")).isEqualTo(DOUBLING_REFUSAL);
    assertThat(replayer.unbuildable("var1")).isNull(); // its module var says it
    assertThat(replayer.withInstance("var0", new DoublingModule(1)).unbuildable("var0")).isNull();
  }

  @Test
  void unbuildable_byPosition_sameAsByName() {
    dev.aijson.core.replay.AiJsonReplayer replayer = dev.aijson.core.replay.AiJsonReplayer
        .allowing("dev.aijson.guice").of(AiJsonDocument.parse(trainWithDoublingModule()));

    assertThat(replayer.unbuildable(0)).isEqualTo(DOUBLING_REFUSAL);
    assertThat(replayer.unbuildable(1)).isNull();
    assertThat(replayer.withInstance("var0", new DoublingModule(1)).unbuildable(0)).isNull();
    int size = replayer.document().vars().size();
    assertThrows(IndexOutOfBoundsException.class, () -> replayer.unbuildable(size));
    assertThrows(IndexOutOfBoundsException.class, () -> replayer.unbuildable(-1));
  }

  /** Regression (issue 13): withInstance("var2", null) and override(null, 7) were bare NullPointerExceptions. */
  @Test
  void withInstanceAndOverride_nullArguments_nameTheParameterAndTheFix() {
    ReplayModule replay = ReplayModule.allowing("dev.aijson.guice").from(train());

    NullPointerException instance = assertThrows(NullPointerException.class,
        () -> replay.withInstance("var0", null));
    NullPointerException path = assertThrows(NullPointerException.class, () -> replay.override(null, 7));

    assertThat(instance).hasMessageThat().isEqualTo("ReplayModule.withInstance: instance is null."
        + " Pass the object that stands for var0.");
    assertThat(path).hasMessageThat().isEqualTo("ReplayModule.override: dottedPath is null. Pass a"
        + " path such as \"var1.kwargs.nHidden\".");
  }

  /** Regression (issue 13): a refusal deferred to injector creation was logged by Guice at INFO with its stack trace. */
  @Test
  void createInjector_deferredRefusal_isOneLogLineAndTheCreationExceptionsCause() {
    ReplayModule replay = ReplayModule.from(train());

    try (dev.aijson.testing.LogCapture guice = dev.aijson.testing.LogCapture.of(Guice.class);
        dev.aijson.testing.LogCapture aijson = dev.aijson.testing.LogCapture.of(ReplayModule.class)) {
      CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(replay));

      assertThat(e.getCause()).isInstanceOf(AiJsonException.class);
      assertThat(guice.records().stream().filter(r -> r.getThrown() != null).toList()).isEmpty();
      assertThat(aijson.records()).hasSize(1);
      assertThat(aijson.records().get(0).getThrown()).isNull();
      assertThat(aijson.records().get(0).getMessage()).doesNotContain("\n");
      assertThat(aijson.records().get(0).getMessage()).startsWith("aijson replay: the security policy"
          + " refuses this document; the injector is not created: var0");
    }
  }
}
