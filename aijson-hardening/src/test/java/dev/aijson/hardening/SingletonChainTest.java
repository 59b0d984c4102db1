package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import dev.aijson.guice.ReplayModule;
import javax.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 13): replaying a chain of about 600 singleton vars, each with its own key and
 * each referencing the previous, overflowed the stack (450 with recording on too): each reference
 * went back into {@code getInstance} one level deeper.
 */
class SingletonChainTest {
  private static final int LINKS = 2_000;

  /** One link of the chain. */
  public static class Link {
    final Link previous;
    final int length;

    @Inject
    public Link(Link previous) {
      this.previous = previous;
      this.length = previous == null ? 1 : previous.length + 1;
    }
  }

  /** Returns a document of {@code links} singleton links, each referencing the one before. */
  static String chain(int links) {
    StringBuilder json = new StringBuilder("{\"aijson\": 1, \"vars\": {\n");
    String type = Link.class.getName();
    for (int i = 0; i < links; i++) {
      json.append(i == 0 ? "" : ",\n").append("\"var").append(i).append("\": {\"kind\": \"constructor\","
          + " \"module\": \"dev.aijson.hardening\", \"caller\": \"SingletonChainTest$Link\","
          + " \"key\": \"@com.google.inject.name.Named(\\\"link").append(i).append("\\\") ")
          .append(type).append("\", \"scope\": \"singleton\", \"signature\": [\"").append(type)
          .append("\"], \"kwargs\": {\"previous\": ").append(i == 0 ? "null" : "\"$var" + (i - 1) + "\"")
          .append("}}");
    }
    return json.append("}}\n").toString();
  }

  private static final Key<Link> LAST = Key.get(Link.class, Names.named("link" + (LINKS - 1)));

  @Test
  void replay_chainOf2000Singletons_buildsWithoutAStackOverflow() {
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.hardening").from(chain(LINKS)));

    Link last = serving.getInstance(LAST);

    assertThat(last.length).isEqualTo(LINKS);
    assertThat(last.previous).isSameInstanceAs(serving.getInstance(Key.get(Link.class, Names.named("link" + (LINKS - 2)))));
  }

  @Test
  void replayRecorded_chainOf2000Singletons_buildsAndRecordsTheSameChain() {
    String json = chain(LINKS);
    Injector serving = Guice.createInjector(new AiJsonModule().withoutEnvironment(), ReplayModule.allowing("dev.aijson.hardening").from(json));

    assertThat(serving.getInstance(LAST).length).isEqualTo(LINKS);
    assertThat(serving.getInstance(AiJsonLog.class).document())
        .isEqualTo(dev.aijson.core.AiJsonDocument.parse(json));
  }
}
