package dev.aijson.guice;

import com.google.inject.Inject;

/** A component configured by an {@link ApplicationConfig}, loaded by {@link ClassLoaderRetentionTest}'s application loader. */
public class ApplicationPipeline {
  /** The configuration it was built with. */
  public final ApplicationConfig config;

  /** Takes the configuration. */
  @Inject
  public ApplicationPipeline(ApplicationConfig config) {
    this.config = config;
  }
}
