package dev.aijson.core.replay;

import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.AiJsonTypes;
import java.lang.reflect.Type;

/**
 * Callbacks through which a caller takes part in a build; the Guice {@code ReplayModule}
 * routes singleton vars and providers through its injector this way. Every method has a
 * default, so implement only what you need.
 *
 * <p>Part of the replay SPI: what an integration (such as the Guice {@code ReplayModule}) passes
 * to {@link AiJsonReplayer#build(String, ReplayHooks)}.
 */
public interface ReplayHooks {
  /**
   * The answer of a {@link ReplayHooks} method that leaves the var to the replayer: {@link
   * #reference} lets the session build the var, {@link #opaque} supplies nothing.
   */
  Object BUILD = new Object() {
    @Override
    public String toString() {
      return "ReplayHooks.BUILD";
    }
  };

  /**
   * Returns the object to use for {@code target}, which something being built references, or
   * {@link #BUILD} to let the session build it (the default). Asked once per var and build,
   * just before the session would build it, through {@link #reference(AiJsonVar, int)}, which
   * asks this by default; a var answered here is not built, nor is anything only it references.
   *
   * @param target the referenced var
   * @return the object to use for it, or {@link #BUILD}
   */
  default Object reference(AiJsonVar target) {
    return BUILD;
  }

  /**
   * Returns the object to use for {@code target}, at {@code position} in the document, as {@link
   * #reference(AiJsonVar)} does; the session calls this one, which by default calls that. An
   * integration that keeps what it knows of each var by position (as the Guice {@code
   * ReplayModule} does) overrides this one, and finds the var without reading its name.
   *
   * @param target the referenced var
   * @param position its position in the document's vars
   * @return the object to use for it, or {@link #BUILD}
   */
  default Object reference(AiJsonVar target, int position) {
    return reference(target);
  }

  /**
   * Returns the provider for an argument written {@code {"provider": key}} whose declared type
   * is {@code com.google.inject.Provider}, {@code javax.inject.Provider} or {@code
   * jakarta.inject.Provider}. The default throws: only the Guice layer has an injector.
   *
   * @param key the Guice key the provider provides, as recorded
   * @param providerType the declared type of the parameter, such as {@code Provider<Tokenizer>}
   * @return the provider to pass
   * @throws AiJsonException by default
   */
  default Object provider(String key, Type providerType) {
    throw new AiJsonException("", "a provider can only be replayed by the Guice ReplayModule,"
        + " which has an injector to provide " + AiJsonTypes.name(providerType) + ". Replay"
        + " with ReplayModule.from(json), or pass Hooks whose provider(key, type) supplies it.");
  }

  /**
   * Returns the object for an {@code opaque} var that no {@link AiJsonReplayer#withInstance} supplied, or
   * {@link #BUILD} (the default) if there is none, which fails the build with a message naming
   * the var and {@code withInstance}.
   *
   * @param var the opaque var
   * @return its object, or {@link #BUILD}
   */
  default Object opaque(AiJsonVar var) {
    return BUILD;
  }

  /**
   * Receives each object this build made or took from {@link AiJsonReplayer#withInstance} or {@link
   * #opaque}, in build order, dependencies first; objects from {@link #reference} are not
   * reported. Does nothing by default.
   *
   * @param var the var
   * @param object its object
   */
  default void built(AiJsonVar var, Object object) {}

  /**
   * Returns the object for a call of a replayed assisted-inject factory's method, which {@code
   * call} has matched to the var to build. The default builds it in a fresh session with these
   * hooks: {@code call.build(this)}. The Guice {@code ReplayModule} builds it through its
   * injector instead, so that a recording of the replay sees it.
   *
   * @param call the factory method called, its arguments and the var chosen for them
   * @return the object the factory method returns
   */
  default Object factoryCall(FactoryCall call) {
    return call.build(this);
  }
}
