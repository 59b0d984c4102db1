package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.matcher.AbstractMatcher;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import org.junit.jupiter.api.Test;

/**
 * A value the recorder could not observe is never written as a value: not 0, not null. It is an
 * {@code unobserved} var, and replay refuses whatever uses it until the value is set.
 */
class UnobservedValuesTest {
  static class Tokenizer {
    final int width;

    @Inject
    Tokenizer(@Named("width") int width) {
      this.width = width;
    }
  }

  /** Configuration computed in a module that the recording is told to leave out. */
  static final class ConfigModule extends AbstractModule {
    @Provides
    @Named("width")
    int width() {
      return 3;
    }
  }

  private static final Key<Integer> WIDTH = Key.get(Integer.class, Names.named("width"));

  /** Records every binding but the width's, as {@code onlyBindings} or {@code onlyPackages} may. */
  private static AiJsonDocument recordWithoutTheWidth() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment().onlyBindings(
        new AbstractMatcher<Binding<?>>() {
          @Override
          public boolean matches(Binding<?> binding) {
            return !binding.getKey().equals(WIDTH);
          }
        }), new ConfigModule());
    assertThat(injector.getInstance(Tokenizer.class).width).isEqualTo(3);
    return Documents.of(injector);
  }

  @Test
  void excludedBinding_value_isUnobservedNeverADefault() {
    AiJsonDocument document = recordWithoutTheWidth();

    AiJsonRef width = (AiJsonRef) Documents.only(document, "UnobservedValuesTest$Tokenizer").kwargs().get("width");
    AiJsonVar unobserved = document.var(width.var());
    assertThat(unobserved.kind()).isEqualTo(AiJsonVar.Kind.UNOBSERVED);
    assertThat(unobserved.className()).isEqualTo("java.lang.Integer");
    assertThat(unobserved.key()).isEqualTo("@com.google.inject.name.Named(\"width\") java.lang.Integer");
    assertThat(document.toJson()).doesNotContain("\"width\": 0");
    assertThat(document.toJson()).doesNotContain("\"width\": null");
    assertThat(document.toJson()).contains("\"kind\": \"unobserved\"");
  }

  @Test
  void from_documentUsingAnUnobservedValue_isRefusedNamingItAndWhereItIsUsed() {
    String json = recordWithoutTheWidth().toJson();

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(e.path()).isEqualTo("/vars/var0");
    assertThat(e).hasMessageThat().isEqualTo("var0 (java.lang.Integer), key @com.google.inject.name.Named(\"width\")"
        + " java.lang.Integer, is a value the recording did not observe (it came from a binding the"
        + " recorder did not listen to), so the document does not know it, and replay does not"
        + " make one up. Set the value where it is used (/vars/var1/kwargs/width), for example with"
        + " aijson set or AiJsonDocument.override, or record again with that binding included; the var is at"
        + " /vars/var0.");
  }

  @Test
  void from_valueSetInTheDocument_replaysWithIt() {
    AiJsonDocument document = recordWithoutTheWidth().override("var1.kwargs.width", 5);

    Tokenizer served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(document.toJson())).getInstance(Tokenizer.class);

    assertThat(served.width).isEqualTo(5);
  }
}
