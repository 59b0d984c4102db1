package dev.aijson.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import java.util.Set;

/**
 * An application's module that takes its configuration in its constructor, contributes to a set
 * binder and provides the network; loaded by {@link ClassLoaderRetentionTest}'s application loader.
 */
public class ApplicationModule extends AbstractModule {
  private final ApplicationSettings settings;

  /** Takes the settings. */
  public ApplicationModule(ApplicationSettings settings) {
    this.settings = settings;
  }

  @Override
  protected void configure() {
    Multibinder<String> activations = Multibinder.newSetBinder(binder(), String.class);
    activations.addBinding().toInstance("relu");
    activations.addBinding().toInstance("gelu");
  }

  /** Provides the network from the settings and the activations. */
  @Provides
  ApplicationNet net(Set<String> activations) {
    return new ApplicationNet(settings.hidden(), settings.mode(), activations);
  }
}
