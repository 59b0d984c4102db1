package dev.aijson.guice;

/**
 * A configuration bean that {@link ClassLoaderRetentionTest} loads with a class loader of its own,
 * as an application's class loader defines its classes.
 */
public class ApplicationConfig {
  private int vocabSize;
  private String corpus;

  /** Returns the vocabulary size. */
  public int getVocabSize() {
    return vocabSize;
  }

  /** Sets the vocabulary size. */
  public void setVocabSize(int vocabSize) {
    this.vocabSize = vocabSize;
  }

  /** Returns the corpus. */
  public String getCorpus() {
    return corpus;
  }

  /** Sets the corpus. */
  public void setCorpus(String corpus) {
    this.corpus = corpus;
  }
}
