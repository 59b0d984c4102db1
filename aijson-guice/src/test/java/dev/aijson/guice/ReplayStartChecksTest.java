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

  @Test
  void createInjector_moduleWithoutNoArgumentConstructor_isRefusedNamingTheModule() {
    ReplayModule replay = ReplayModule.allowing("dev.aijson.guice").from(train());

    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(replay));

    assertThat(e.getCause()).isInstanceOf(AiJsonException.class);
    AiJsonException cause = (AiJsonException) e.getCause();
    assertThat(cause.path()).isEqualTo("/vars/var0");
    assertThat(cause).hasMessageThat().isEqualTo("var0 (dev.aijson.guice.ReplayStartChecksTest"
        + "$ConfiguredModule#net): replay cannot instantiate the module class dev.aijson.guice."
        + "ReplayStartChecksTest$ConfiguredModule to call net: it has no no-argument constructor."
        + " Supply the module, or the object the method returns, with withInstance(\"var0\","
        + " object).");
  }

  @Test
  void createInjector_moduleWithPrivateConstructor_isRefusedNamingTheModuleAndTheFix() {
    ReplayModule replay = ReplayModule.allowing("dev.aijson.guice").from(trainWithLibraryModule());

    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(replay));

    assertThat(e.getCause()).hasMessageThat().isEqualTo("var0 (dev.aijson.guice.ReplayStartChecksTest"
        + "$LibraryModule#net): replay cannot instantiate the module class dev.aijson.guice."
        + "ReplayStartChecksTest$LibraryModule to call net: its no-argument constructor is private."
        + " Supply the module, or the object the method returns, with withInstance(\"var0\","
        + " object).");
  }

  @Test
  void createInjector_moduleWithPrivateConstructorSupplied_buildsWithIt() {
    ReplayModule replay = ReplayModule.allowing("dev.aijson.guice").from(trainWithLibraryModule())
        .withInstance("var0", LibraryModule.create());

    assertThat(Guice.createInjector(replay).getInstance(Trainer.class).net.hidden).isEqualTo(32);
  }

  @Test
  void from_injectClassOutsideTheAllowedPackages_isRefusedAtCreation() {
    ReplayModule replay = ReplayModule.from(train());

    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(replay));

    assertThat(e.getCause()).hasMessageThat().contains("var1 (dev.aijson.guice.ReplayStartChecksTest"
        + "$Trainer): replay does not construct dev.aijson.guice.ReplayStartChecksTest$Trainer: its"
        + " package is not allowed and the class is not annotated @AiJson (an @Inject constructor"
        + " alone is not enough). Allow it with ReplayModule.allowing(\"dev.aijson.guice\") or"
        + " allowPackages(\"dev.aijson.guice\"), or annotate the class with @AiJson.");
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
    ReplayModule replay = ReplayModule.allowing("dev.aijson.guice").from(train()).withInstance("var0", net);

    assertThat(Guice.createInjector(replay).getInstance(Trainer.class).net).isSameInstanceAs(net);
  }

  @Test
  void unbuildable_coreReplayer_namesTheModuleBeforeAnyBuild() {
    dev.aijson.core.replay.AiJsonReplayer replayer =
        dev.aijson.core.replay.AiJsonReplayer.allowing("dev.aijson.guice").of(AiJsonDocument.parse(train()));

    assertThat(replayer.unbuildable("var0")).contains("it has no no-argument constructor");
    assertThat(replayer.unbuildable("var1")).isNull();
    assertThat(replayer.withInstance("var0", new Net(1)).unbuildable("var0")).isNull();
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
