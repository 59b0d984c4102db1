package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonException;
import java.util.Properties;
import dev.aijson.guice.ProviderFixtures.Model;
import dev.aijson.guice.ProviderFixtures.ModelProvider;
import dev.aijson.guice.ProviderFixtures.Served;
import org.junit.jupiter.api.Test;

/** A round trip, record then replay, for the binding kinds the recorder logs. */
class ReplayBindingKindsTest {
  private static String record(Class<?> root, com.google.inject.Module... modules) {
    com.google.inject.Module[] all = new com.google.inject.Module[modules.length + 1];
    all[0] = new AiJsonModule();
    System.arraycopy(modules, 0, all, 1, modules.length);
    Injector training = Guice.createInjector(all);
    training.getInstance(root);
    return training.getInstance(AiJsonLog.class).toJson();
  }

  @Test
  void providerClassBinding_replaysByCallingGetOnARebuiltProvider() {
    String json =
        record(
            Served.class,
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(Model.class).toProvider(ModelProvider.class);
                bindConstant().annotatedWith(Names.named("size")).to(8);
              }
            });

    Served served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(Served.class);

    assertThat(served.model.size).isEqualTo(8);
  }

  static class Lazy {
    final jakarta.inject.Provider<Model> jakarta;

    @Inject
    Lazy(jakarta.inject.Provider<Model> jakarta) {
      this.jakarta = jakarta;
    }
  }

  static class ModelModule extends AbstractModule {
    @Provides
    Model model() {
      return new Model(3);
    }
  }

  @Test
  void jakartaProviderParameter_replaysAsAProviderOfTheKey() {
    String json = record(Lazy.class, new ModelModule());
    // the Model var exists only if something built one; build one so the key is bound
    Injector serving =
        Guice.createInjector(
            ReplayModule.allowing("dev.aijson.guice").from(json),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(Model.class).toInstance(new Model(5));
              }
            });

    Lazy lazy = serving.getInstance(Lazy.class);

    assertThat(lazy.jakarta.get().size).isEqualTo(5);
  }

  static class Settings {
    final String name;
    final int steps;

    @Inject
    Settings(@com.google.inject.name.Named("name") String name, @jakarta.inject.Named("steps") int steps) {
      this.name = name;
      this.steps = steps;
    }
  }

  @Test
  void bindPropertiesConstants_withGuiceAndJakartaNames_replayInline() {
    Properties properties = new Properties();
    properties.setProperty("name", "bpe");
    properties.setProperty("steps", "40");
    String json =
        record(
            Settings.class,
            new AbstractModule() {
              @Override
              protected void configure() {
                Names.bindProperties(binder(), properties);
              }
            });

    Settings settings = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(Settings.class);

    assertThat(settings.name).isEqualTo("bpe");
    assertThat(settings.steps).isEqualTo(40);
  }

  static class Part {
    @Inject
    Part() {}
  }

  static class Twice {
    final Part first;
    final Part second;

    @Inject
    Twice(Part first, Part second) {
      this.first = first;
      this.second = second;
    }
  }

  @Test
  void sameVarReferencedTwiceInOneBuild_isOneObject_andEachRequestBuildsAgain() {
    String json =
        """
        {"aijson": 1, "vars": {
          "var0": {"kind": "constructor", "module": "dev.aijson.guice", "caller": "ReplayBindingKindsTest$Part",
                   "signature": [], "kwargs": {}},
          "var1": {"kind": "constructor", "module": "dev.aijson.guice", "caller": "ReplayBindingKindsTest$Twice",
                   "key": "dev.aijson.guice.ReplayBindingKindsTest$Twice",
                   "signature": ["dev.aijson.guice.ReplayBindingKindsTest$Part", "dev.aijson.guice.ReplayBindingKindsTest$Part"],
                   "kwargs": {"first": "$var0", "second": "$var0"}}}}
        """;
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));

    Twice one = serving.getInstance(Twice.class);
    Twice two = serving.getInstance(Twice.class);

    assertThat(one.second).isSameInstanceAs(one.first);
    assertThat(two.first).isNotSameInstanceAs(one.first);
  }

  /** Records a {@code @Provides} method of an anonymous module, which replay cannot make. */
  private static String anonymousModuleDocument() {
    return record(
        Model.class,
        new AbstractModule() {
          @Provides
          Model model() {
            return new Model(1);
          }
        });
  }

  @Test
  void providesOnAnonymousModule_cannotBeInstantiated_refusedByFromWithThePolicyFirst() {
    String json = anonymousModuleDocument();

    // the document shows it: the serving start fails, not the first request
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(e.path()).isEqualTo("/vars/var0");
    assertThat(e).hasMessageThat().contains("it is an anonymous class");
    assertThat(e).hasMessageThat().contains("withInstance(\"var0\"");
  }

  @Test
  void providesOnAnonymousModule_cannotBeInstantiated_refusedWhenTheInjectorIsCreated() {
    String json = anonymousModuleDocument();
    ReplayModule replay = ReplayModule.from(json).allowPackages("dev.aijson.guice");

    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(replay));

    assertThat(e.getCause()).isInstanceOf(AiJsonException.class);
    assertThat(((AiJsonException) e.getCause()).path()).isEqualTo("/vars/var0");
    assertThat(e.getCause()).hasMessageThat().contains("it is an anonymous class");
  }

  static class Tokenizer {
    final String vocabulary;
    final int maxLength;

    Tokenizer(String vocabulary, int maxLength) {
      this.vocabulary = vocabulary;
      this.maxLength = maxLength;
    }
  }

  static class TokenizerModule extends AbstractModule {
    @Provides
    static Tokenizer tokenizer() {
      return new Tokenizer("bpe-32k", 512);
    }
  }

  static class SizedTokenizerModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("maxLength")).to(1024);
    }

    @Provides
    static Tokenizer tokenizer(@com.google.inject.name.Named("maxLength") int maxLength) {
      return new Tokenizer("bpe-32k", maxLength);
    }
  }

  // Regression: a static @Provides method without parameters has no module instance, and its
  // provision was logged as not recordable and written as an opaque var that replay refused.
  @Test
  void staticProvidesMethodWithoutParameters_isRecordedAsAProvidesVar() {
    String json = record(Tokenizer.class, new TokenizerModule());

    dev.aijson.core.AiJsonVar var = Documents.only(dev.aijson.core.AiJsonDocument.parse(json),
        "ReplayBindingKindsTest$TokenizerModule#tokenizer");
    assertThat(var.kind()).isEqualTo(dev.aijson.core.AiJsonVar.Kind.PROVIDES);
    assertThat(var.key()).isEqualTo("dev.aijson.guice.ReplayBindingKindsTest$Tokenizer");
  }

  @Test
  void staticProvidesMethodWithoutParameters_replaysByCallingTheMethod() {
    String json = record(Tokenizer.class, new TokenizerModule());

    Tokenizer tokenizer = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(Tokenizer.class);

    assertThat(tokenizer.maxLength).isEqualTo(512);
  }

  @Test
  void staticProvidesMethodWithParameters_replaysWithTheRecordedArguments() {
    String json = record(Tokenizer.class, new SizedTokenizerModule());

    Tokenizer tokenizer = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(Tokenizer.class);

    assertThat(tokenizer.maxLength).isEqualTo(1024);
  }

  /** A jakarta provider, which Guice 6 binds only as Providers.guicify wraps it. */
  static class JakartaModelProvider implements jakarta.inject.Provider<Model> {
    @Override
    public Model get() {
      return new Model(6);
    }
  }

  // Regression: the call was recorded on Guice's wrapper, Providers$GuicifiedJakartaProvider,
  // a class of com.google.inject.util, which replay refused to call
  @Test
  void guicifiedJakartaProvider_isRecordedAsGetOfTheUsersProvider() {
    String json = record(Served.class, new AbstractModule() {
      @Override
      protected void configure() {
        bind(Model.class).toProvider(com.google.inject.util.Providers.guicify(new JakartaModelProvider()));
      }
    });

    dev.aijson.core.AiJsonDocument document = dev.aijson.core.AiJsonDocument.parse(json);
    dev.aijson.core.AiJsonVar get = Documents.only(document, "ReplayBindingKindsTest$JakartaModelProvider#get");
    assertThat(get.kind()).isEqualTo(dev.aijson.core.AiJsonVar.Kind.CALL);
    assertThat(document.var(get.receiver().var()).caller()).isEqualTo("ReplayBindingKindsTest$JakartaModelProvider");
    assertThat(json).doesNotContain("com.google.inject.util");
  }

  @Test
  void guicifiedJakartaProvider_replaysByCallingGetOnTheSuppliedProvider() {
    String json = record(Served.class, new AbstractModule() {
      @Override
      protected void configure() {
        bind(Model.class).toProvider(com.google.inject.util.Providers.guicify(new JakartaModelProvider()));
      }
    });
    String provider = Documents.only(dev.aijson.core.AiJsonDocument.parse(json),
        "ReplayBindingKindsTest$JakartaModelProvider").name();

    Served served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)
        .withInstance(provider, new JakartaModelProvider())).getInstance(Served.class);

    assertThat(served.model.size).isEqualTo(6);
  }

  // Regression: Providers.of(instance) was recorded as a call of get() on Guice's
  // Providers$ConstantProvider, which replay refused to call
  @Test
  void constantProvider_isRecordedAsAnOpaqueVarOfTheInstance() {
    String json = record(Served.class, new AbstractModule() {
      @Override
      protected void configure() {
        bind(Model.class).toProvider(com.google.inject.util.Providers.of(new Model(7)));
      }
    });

    dev.aijson.core.AiJsonVar model = Documents.only(dev.aijson.core.AiJsonDocument.parse(json),
        "ProviderFixtures$Model");
    assertThat(model.kind()).isEqualTo(dev.aijson.core.AiJsonVar.Kind.OPAQUE);
    assertThat(model.key()).isEqualTo("dev.aijson.guice.ProviderFixtures$Model");
    assertThat(json).doesNotContain("com.google.inject.util");
  }
}
