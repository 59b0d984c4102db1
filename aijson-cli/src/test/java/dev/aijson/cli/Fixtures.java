package dev.aijson.cli;

import dev.aijson.core.AiJson;
import java.util.List;

/** Model classes the test documents name. */
public final class Fixtures {
  private Fixtures() {}

  /** A tokenizer replay may construct: the type is marked @AiJson. */
  @AiJson
  public static class Tokenizer {
    public final String file;
    public final int vocabSize;

    public Tokenizer(String file, int vocabSize) {
      this.file = file;
      this.vocabSize = vocabSize;
    }
  }

  /** The pipeline, which receives the tokenizer twice (shared) and labels. */
  @AiJson
  public static class Pipeline {
    public final Tokenizer encoder;
    public final Tokenizer decoder;
    public final List<String> labels;

    public Pipeline(Tokenizer encoder, Tokenizer decoder, List<String> labels) {
      this.encoder = encoder;
      this.decoder = decoder;
      this.labels = labels;
    }
  }

  /** A class replay refuses by default: no @Inject constructor, no @AiJson. */
  public static class Plain {
    public Plain() {}
  }
}
