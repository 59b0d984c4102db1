package dev.aijson.hardening;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import java.util.LinkedHashMap;
import java.util.Map;

/** Documents recorded from the {@link Pipeline} fixtures, the way training code records them. */
final class RealDocuments {
  private RealDocuments() {}

  /** Returns every recorded document by name, in a stable order. */
  static Map<String, String> all() {
    Map<String, String> documents = new LinkedHashMap<>();
    documents.put("pipeline", pipeline());
    documents.put("knobs", knobs());
    documents.put("serving", serving());
    return documents;
  }

  /** The classifier, its layer from a {@code @Provides} method, and a logged training call. */
  static String pipeline() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new Pipeline.TrainingModule());
    Pipeline.Classifier classifier = injector.getInstance(Pipeline.Classifier.class);
    injector.getInstance(Pipeline.Trainer.class).fit(classifier, 5, 0.1);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  /** Every scalar and container type, inline. */
  static String knobs() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new Pipeline.KnobsModule());
    injector.getInstance(Pipeline.Knobs.class);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  /** An opaque bound instance and a provider binding. */
  static String serving() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new Pipeline.ServingModule());
    injector.getInstance(Pipeline.Reader.class);
    injector.getInstance(Pipeline.Vocabulary.class);
    return injector.getInstance(AiJsonLog.class).toJson();
  }
}
