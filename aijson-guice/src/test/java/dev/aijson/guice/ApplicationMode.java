package dev.aijson.guice;

/** How an application's network runs; loaded by {@link ClassLoaderRetentionTest}'s application loader. */
public enum ApplicationMode {
  /** Learning its weights. */
  TRAIN,
  /** Answering requests. */
  SERVE
}
