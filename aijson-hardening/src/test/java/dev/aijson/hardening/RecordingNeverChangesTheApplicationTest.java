package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * What the second adversarial pass broke in recording (issue 13), each a regression test: a
 * record whose accessor throws failed the application's {@code getInstance}; accessors and set
 * sorting ran on every provision; every var held its own copy of a large bound value; a string
 * constant longer than the reader accepts was written inline.
 */
class RecordingNeverChangesTheApplicationTest {
  /** A configuration record whose accessor fails, as a lazily computed one might. */
  public record Broken(int size) {
    @Override
    public int size() {
      throw new IllegalStateException("not computed yet");
    }
  }

  /** A configuration record that counts how often its accessor runs. */
  public record Counted(int size) {
    static final AtomicInteger READS = new AtomicInteger();

    @Override
    public int size() {
      READS.incrementAndGet();
      return size;
    }
  }

  public static class UsesBroken {
    final Broken config;

    @Inject
    public UsesBroken(Broken config) {
      this.config = config;
    }
  }

  public static class UsesCounted {
    @Inject
    public UsesCounted(Counted config) {}
  }

  public static class UsesWords {
    final List<String> words;
    final Set<String> stopWords;

    @Inject
    public UsesWords(List<String> words, Set<String> stopWords) {
      this.words = words;
      this.stopWords = stopWords;
    }
  }

  /** Regression: "Error notifying ProvisionListener" reached the application's getInstance. */
  @Test
  void throwingRecordAccessor_applicationStillGetsItsObject_recordIsOpaque() {
    Broken config = new Broken(3);
    Injector injector = Guice.createInjector(new AiJsonModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(Broken.class).toInstance(config);
      }
    });

    assertThat(injector.getInstance(UsesBroken.class).config).isSameInstanceAs(config);
    AiJsonDocument document = injector.getInstance(AiJsonLog.class).document();
    AiJsonRef ref = (AiJsonRef) document.vars().get(document.vars().size() - 1).kwargs().get("config");
    assertThat(document.var(ref.var()).kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
  }

  /** Regression: a bound record's accessors ran again at every provision. */
  @Test
  void boundRecord_provisionedOften_accessorsRunOnce() {
    Counted.READS.set(0);
    Injector injector = Guice.createInjector(new AiJsonModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(Counted.class).toInstance(new Counted(7));
      }
    });
    for (int i = 0; i < 500; i++) {
      injector.getInstance(UsesCounted.class);
    }

    assertThat(Counted.READS.get()).isEqualTo(1);
    assertThat(injector.getInstance(AiJsonLog.class).document().vars()).hasSize(500);
  }

  /** Regression: each var held its own copy of a 50,000-word list (and a sorted copy of a set). */
  @Test
  void largeBoundValues_provisionedOften_oneCopySharedByEveryVar() {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      words.add("word" + i);
    }
    Set<String> stopWords = new HashSet<>(words.subList(0, 1_000));
    Injector injector = Guice.createInjector(new AiJsonModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(new com.google.inject.TypeLiteral<List<String>>() {}).toInstance(words);
        bind(new com.google.inject.TypeLiteral<Set<String>>() {}).toInstance(stopWords);
      }
    });
    for (int i = 0; i < 200; i++) {
      injector.getInstance(UsesWords.class);
    }

    List<AiJsonVar> vars = injector.getInstance(AiJsonLog.class).document().vars();
    assertThat(vars).hasSize(200);
    assertThat(vars.get(0).kwargs().get("words")).isEqualTo(words);
    for (AiJsonVar var : vars) {
      assertThat(var.kwargs().get("words")).isSameInstanceAs(vars.get(0).kwargs().get("words"));
      assertThat(var.kwargs().get("stopWords")).isSameInstanceAs(vars.get(0).kwargs().get("stopWords"));
    }
  }

  public static class UsesCorpus {
    @Inject
    public UsesCorpus(@javax.inject.Named("corpus") String corpus) {}
  }

  /** Regression: the recorder wrote a 2M-character constant that its own reader refuses. */
  @Test
  void hugeStringConstant_isNotWrittenInline_documentReadsBack() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(com.google.inject.name.Names.named("corpus")).to("x".repeat(2_000_000));
      }
    });
    injector.getInstance(UsesCorpus.class);

    AiJsonDocument document = AiJsonDocument.parse(injector.getInstance(AiJsonLog.class).toJson());
    AiJsonRef ref = (AiJsonRef) document.vars().get(document.vars().size() - 1).kwargs().get("corpus");
    assertThat(document.var(ref.var()).kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
  }
}
