package dev.aijson.truth;

import com.google.common.truth.Subject;
import com.google.common.truth.Truth;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonVar;

/**
 * Entry point of the Truth subjects for aijson documents: assert what a recording wrote, var by
 * var and argument by argument, with Truth-style failure messages.
 *
 * <pre>{@code
 * import static dev.aijson.truth.AiJsonSubjects.assertThat;
 *
 * AiJsonDocument document = injector.getInstance(AiJsonLog.class).document();
 * assertThat(document).var("SubwordTokenizer").kwarg("vocabSize").isEqualTo(100);
 * assertThat(document).var("SubwordTokenizer").isSingleton();
 * assertThat(document).var("SentimentPipeline").kwarg("tokenizer").isReferenceTo("SubwordTokenizer");
 * assertThat(servingDocument).hasSameWiringAs(trainingDocument);
 * }</pre>
 *
 * <p>Vars are named by their caller as the document writes it ({@code SubwordTokenizer}, {@code
 * SentimentModule#layer}), by their class's binary name, or by the caller without its enclosing
 * classes ({@code Tokenizer} for {@code Fixtures$Tokenizer}).
 */
public final class AiJsonSubjects {
  private AiJsonSubjects() {}

  /**
   * Begins an assertion about a document.
   *
   * @param document the document under test, such as {@code AiJsonLog.document()}; null, as in
   *     Truth, gives a subject whose assertions fail saying the document is null
   * @return the subject
   */
  public static DocumentSubject assertThat(AiJsonDocument document) {
    return Truth.assertAbout(documents()).that(document);
  }

  /**
   * Returns the factory of document subjects, for {@code assertAbout}, {@code Expect} and
   * {@code ExpectFailure}.
   *
   * @return the factory
   */
  public static Subject.Factory<DocumentSubject, AiJsonDocument> documents() {
    return DocumentSubject::new;
  }

  /**
   * Returns the factory of var subjects, for asserting about one {@link AiJsonVar} on its own.
   *
   * @return the factory
   */
  public static Subject.Factory<VarSubject, AiJsonVar> vars() {
    return (metadata, actual) -> new VarSubject(metadata, actual, null);
  }
}
