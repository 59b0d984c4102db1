package dev.aijson.tools;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import dev.aijson.tools.diff.AiJsonDiff;
import dev.aijson.tools.graphs.AiJsonGraphs;
import dev.aijson.tools.params.AiJsonParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tools show module state and configuration beans like any other value: a diff of two runs
 * whose module got {@code Config(256, ...)} and {@code Config(512, ...)} is that one value.
 */
class ConfigurationToolsTest {
  /** The configuration a training program passes to its module. */
  public record Config(int hidden, String optimizer) {}

  /** What the module's method makes. */
  public static final class Net {
    final int hidden;

    Net(int hidden) {
      this.hidden = hidden;
    }
  }

  /** A module that takes its configuration in its constructor. */
  public static final class ModelModule extends AbstractModule {
    private final Config config;

    public ModelModule(Config config) {
      this.config = config;
    }

    @Provides
    Net net() {
      return new Net(config.hidden());
    }
  }

  private static AiJsonDocument record(Config config) {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new ModelModule(config));
    injector.getInstance(Net.class);
    return injector.getInstance(AiJsonLog.class).document();
  }

  @Test
  void diff_twoRunsWithAnotherModuleConfig_isThatOneValue() {
    AiJsonDiff diff = AiJsonDiff.between(record(new Config(256, "adam")), record(new Config(512, "adam")));

    assertThat(diff.changes()).containsExactly(new AiJsonDiff.Change(AiJsonDiff.Kind.CHANGED,
        "/vars/var0/members/config/hidden", "/vars/var0/members/config/hidden", 256L, 512L));
  }

  @Test
  void pictures_showTheModuleAndItsConfiguration() {
    AiJsonDocument document = record(new Config(256, "adam"));

    assertThat(AiJsonGraphs.toDot(document)).contains("var0 [label=\"var0 ConfigurationToolsTest"
        + "$ModelModule\\nmodule\\lconfig = {\\\"hidden\\\": 256, \\\"optimizer\\\": \\\"adam\\\"}\\l\","
        + " shape=tab];");
    assertThat(AiJsonGraphs.toDot(document)).contains("var1 -> var0 [label=\"receiver\", style=dashed];");
    assertThat(AiJsonGraphs.toMermaid(document)).contains("var0[/\"var0 ConfigurationToolsTest#36;ModelModule");
    assertThat(AiJsonGraphs.toTree("net", document)).contains("receiver: var0 ConfigurationToolsTest"
        + "$ModelModule  [module]\n   └─ config = {\"hidden\": 256, \"optimizer\": \"adam\"}\n");
  }

  @Test
  void params_nameTheModuleConfiguration() {
    AiJsonParams params = AiJsonParams.of(record(new Config(256, "adam")));

    assertThat(params.values().keySet().stream().filter(name -> name.contains("hidden")).toList())
        .isEqualTo(List.of("ModelModule.config.hidden"));
    assertThat(params.values()).containsEntry("ModelModule.config.hidden", 256L);
  }
}
