package dev.aijson.hardening;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.google.inject.assistedinject.Assisted;
import com.google.inject.assistedinject.AssistedInject;
import com.google.inject.assistedinject.FactoryModuleBuilder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;

/**
 * An encoder made by an assisted-inject factory, with assisted and injected arguments, for the
 * documents that check the schema against a recorded factory.
 */
final class AssistedPipeline {
  private AssistedPipeline() {}

  interface Encoder {
    int width();
  }

  @Singleton
  static class Vocabulary {
    @Inject
    Vocabulary() {}
  }

  static class LstmEncoder implements Encoder {
    final int hidden;
    final int layers;

    @AssistedInject
    LstmEncoder(@Named("hidden") int hidden, Vocabulary vocabulary, @Assisted("layers") int layers,
        @Assisted("dropout") double dropout) {
      this.hidden = hidden;
      this.layers = layers;
    }

    @Override
    public int width() {
      return hidden * layers;
    }
  }

  interface EncoderFactory {
    Encoder create(@Assisted("layers") int layers, @Assisted("dropout") double dropout);
  }

  static class TextPipeline {
    final Encoder encoder;

    @Inject
    TextPipeline(EncoderFactory encoders) {
      this.encoder = encoders.create(4, 0.25);
    }
  }

  static final class EncoderModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("hidden")).to(128);
      install(new FactoryModuleBuilder().implement(Encoder.class, LstmEncoder.class)
          .build(EncoderFactory.class));
    }
  }
}
