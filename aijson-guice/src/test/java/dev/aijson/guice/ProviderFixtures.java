package dev.aijson.guice;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.name.Named;

/** A model made by a provider class, and a component that receives it, as Guice users write them. */
final class ProviderFixtures {
  private ProviderFixtures() {}

  static class Model {
    final int size;

    Model(int size) {
      this.size = size;
    }
  }

  static class ModelProvider implements Provider<Model> {
    private final int size;

    @Inject
    ModelProvider(@Named("size") int size) {
      this.size = size;
    }

    @Override
    public Model get() {
      return new Model(size);
    }
  }

  static class Served {
    final Model model;

    @Inject
    Served(Model model) {
      this.model = model;
    }
  }
}
