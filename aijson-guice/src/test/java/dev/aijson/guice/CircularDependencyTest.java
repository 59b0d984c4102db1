package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A circular dependency, the way an application writes one: a singleton encoder behind its
 * interface that takes a decoder, and a decoder that takes the encoder. Guice breaks the cycle
 * with a proxy of {@code Encoder} for the decoder made inside it; every decoder made after the
 * cycle receives the singleton itself, and the document must say so. (The encoder is asked for
 * first: asked for a decoder first, Guice itself fails in {@code Stage.DEVELOPMENT}, as it cannot
 * proxy the class {@code Decoder}; in {@code Stage.PRODUCTION} the encoder is made eagerly.)
 *
 * <p>Broke: the singleton's read-back was kept from its first read, made inside the cycle, so
 * every later decoder was recorded as taking the proxy's opaque var, an edge never observed.
 */
class CircularDependencyTest {
  interface Encoder {}

  @Singleton
  static class EncoderImpl implements Encoder {
    final Decoder decoder;

    @Inject
    EncoderImpl(Decoder decoder) {
      this.decoder = decoder;
    }
  }

  static class Decoder {
    final Encoder encoder;

    @Inject
    Decoder(Encoder encoder) {
      this.encoder = encoder;
    }
  }

  static final class CodecModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Encoder.class).to(EncoderImpl.class);
    }
  }

  /** The decoder made by a {@code @Provides} method instead of its constructor. */
  static final class ProvidedCodecModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Encoder.class).to(EncoderImpl.class);
    }

    @Provides
    Decoder decoder(Encoder encoder) {
      return new Decoder(encoder);
    }
  }

  private static final String P = CircularDependencyTest.class.getSimpleName() + "$";

  @ParameterizedTest
  @EnumSource(value = Stage.class, names = {"DEVELOPMENT", "PRODUCTION"})
  void decodersMadeAfterTheCycle_referenceTheSingleton_notTheProxy(Stage stage) {
    Injector training = Guice.createInjector(stage, new AiJsonModule().withoutEnvironment(), new CodecModule());
    training.getInstance(Encoder.class); // already made in PRODUCTION; DEVELOPMENT makes it here
    Decoder first = training.getInstance(Decoder.class);
    Decoder second = training.getInstance(Decoder.class);
    assertThat(first.encoder).isInstanceOf(EncoderImpl.class);
    String json = training.getInstance(AiJsonLog.class).toJson();

    assertRecordsTheCycle(AiJsonDocument.parse(json), 2);
    assertReplaysToTheSameDocument(json);
  }

  @ParameterizedTest
  @EnumSource(value = Stage.class, names = {"DEVELOPMENT", "PRODUCTION"})
  void inAChildInjector_decodersMadeAfterTheCycle_referenceTheSingleton(Stage stage) {
    Injector parent = Guice.createInjector(stage, new AiJsonModule().withoutEnvironment());
    Injector child = parent.createChildInjector(new CodecModule());
    child.getInstance(Encoder.class);
    child.getInstance(Decoder.class);
    child.getInstance(Decoder.class);
    String json = parent.getInstance(AiJsonLog.class).toJson();

    assertRecordsTheCycle(AiJsonDocument.parse(json), 2);
  }

  @Test
  void decodersFromAProvidesMethod_madeAfterTheCycle_referenceTheSingleton() {
    Injector training = Guice.createInjector(Stage.PRODUCTION, new AiJsonModule().withoutEnvironment(),
        new ProvidedCodecModule());
    training.getInstance(Decoder.class);
    training.getInstance(Decoder.class);
    AiJsonDocument document = training.getInstance(AiJsonLog.class).document();

    List<AiJsonVar> decoders = document.vars().stream().filter(v -> v.kind() == AiJsonVar.Kind.PROVIDES).toList();
    AiJsonVar encoder = document.vars().stream().filter(v -> v.caller().equals(P + "EncoderImpl")).findFirst().get();
    assertThat(decoders).hasSize(3);
    assertThat(decoders.get(0).kwargs().get("encoder")).isEqualTo(AiJsonRef.to("var0"));
    assertThat(decoders.get(1).kwargs().get("encoder")).isEqualTo(AiJsonRef.to(encoder.name()));
    assertThat(decoders.get(2).kwargs().get("encoder")).isEqualTo(AiJsonRef.to(encoder.name()));
  }

  /**
   * The proxy is an opaque var of {@code Encoder}; the decoder inside the cycle takes it, the
   * encoder takes that decoder, and each of {@code after} decoders made later takes the encoder.
   */
  private static void assertRecordsTheCycle(AiJsonDocument document, int after) {
    AiJsonVar proxy = document.var("var0");
    assertThat(proxy.kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(proxy.caller()).isEqualTo(P + "Encoder");
    List<AiJsonVar> decoders = document.vars().stream().filter(v -> v.caller().equals(P + "Decoder")).toList();
    List<AiJsonVar> encoders = document.vars().stream().filter(v -> v.caller().equals(P + "EncoderImpl")).toList();
    assertThat(encoders).hasSize(1);
    AiJsonVar encoder = encoders.get(0);
    assertThat(encoder.singleton()).isTrue();
    assertThat(decoders).hasSize(1 + after);
    assertThat(decoders.get(0).kwargs().get("encoder")).isEqualTo(AiJsonRef.to(proxy.name()));
    assertThat(encoder.kwargs().get("decoder")).isEqualTo(AiJsonRef.to(decoders.get(0).name()));
    for (AiJsonVar later : decoders.subList(1, decoders.size())) {
      assertThat(later.kwargs().get("encoder")).isEqualTo(AiJsonRef.to(encoder.name()));
    }
  }

  private static void assertReplaysToTheSameDocument(String json) {
    Injector serving = Guice.createInjector(new AiJsonModule().withoutEnvironment(),
        ReplayModule.allowing("dev.aijson.guice").from(json));
    Decoder decoder = serving.getInstance(Decoder.class);
    assertThat(decoder.encoder).isSameInstanceAs(serving.getInstance(Encoder.class));
    assertThat(((EncoderImpl) decoder.encoder).decoder.encoder).isNotNull();
    serving.getInstance(Decoder.class);
    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(json);
  }
}
