/**
 * Replay by reflection: {@link dev.aijson.core.replay.AiJsonReplayer} validates a document
 * against the class path and the replay security policy, then rebuilds its objects without
 * Guice. The session that builds objects is package-private.
 *
 * <p>{@link dev.aijson.core.replay.ReplayHooks} is the replay SPI: how an integration such as
 * aijson-guice's {@code ReplayModule} takes part in a build (routing shared vars and providers
 * through an injector, and the calls of replayed assisted-inject factories, each a {@link
 * dev.aijson.core.replay.FactoryCall}).
 */
package dev.aijson.core.replay;
