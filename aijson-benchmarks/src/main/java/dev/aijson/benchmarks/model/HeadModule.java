package dev.aijson.benchmarks.model;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.name.Named;
import java.util.List;

/** Makes every {@link Head} with a {@code @Provides} method; replay calls it on a new instance. */
final class HeadModule extends AbstractModule {
  @Provides
  Head head(Vocabulary vocabulary, @Named("labels") List<String> labels) {
    return new Head(vocabulary, labels);
  }
}
