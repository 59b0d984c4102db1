package dev.aijson.benchmarks.model;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A generated object graph of a given number of vars, wired the way a Guice user writes it by
 * hand: {@code blocks} roots, each bound with {@code toConstructor} under its own
 * {@code @Named("blockN")} key, each made of a new {@link Layer} (constructor), a new {@link Head}
 * ({@code @Provides} method) and the one shared {@link Vocabulary} singleton, with constants from
 * {@code bindConstant} and a bound {@code List<String>}.
 *
 * <pre>{@code
 * Graph graph = Graph.ofVars(10_000);
 * Injector injector = Guice.createInjector(graph.module());
 * for (Key<?> root : graph.roots()) {
 *   injector.getInstance(root);
 * }
 * }</pre>
 *
 * <p>Provisioning every root once makes {@code 1 + 3 * blocks} objects, so a recording of it has
 * exactly {@link #vars()} vars. The same module is the hand-written equivalent of a replay of
 * that recording: it binds the same keys the same way.
 */
public final class Graph {
  private final int blocks;
  private final List<Key<?>> roots;

  private Graph(int blocks) {
    this.blocks = blocks;
    List<Key<?>> keys = new ArrayList<>(blocks);
    for (int i = 0; i < blocks; i++) {
      keys.add(blockKey(i));
    }
    this.roots = Collections.unmodifiableList(keys);
  }

  /**
   * Returns the graph whose full provisioning records {@code vars} vars.
   *
   * @param vars at least 4, and one more than a multiple of 3 (1,000, 10,000 and 100,000 are)
   * @return the graph
   */
  public static Graph ofVars(int vars) {
    if (vars < 4 || (vars - 1) % 3 != 0) {
      throw new IllegalArgumentException(
          "a graph has 1 + 3 * blocks vars, so " + vars + " vars cannot be generated; use 1,000,"
              + " 10,000 or 100,000");
    }
    return new Graph((vars - 1) / 3);
  }

  /** Returns the number of vars a recording of every root gives: the shared singleton and three per block. */
  public int vars() {
    return 1 + 3 * blocks;
  }

  /** Returns the key of every root, {@code @Named("block0") Block} and on. */
  public List<Key<?>> roots() {
    return roots;
  }

  /** Returns the package of the model classes, for {@code AiJsonModule.onlyPackages}. */
  public static String modelPackage() {
    return Graph.class.getPackageName();
  }

  /** Returns a new module that binds the whole graph. */
  public Module module() {
    return new GraphModule(blocks);
  }

  /**
   * Returns what a root was built from, such as {@code Block(width=64, layer=Layer(relu, 0.1),
   * head=Head[good, bad, ugly], vocabulary=30000 corpus.txt)}, to compare a replay with the
   * original.
   *
   * @param root an object provisioned for one of {@link #roots()}
   * @return its description
   */
  public static String describe(Object root) {
    Block block = (Block) root;
    return "Block(width=" + block.width()
        + ", layer=Layer(" + block.layer().activation() + ", " + block.layer().dropout() + ")"
        + ", head=Head" + block.head().labels()
        + ", vocabulary=" + block.vocabulary().size() + " " + block.vocabulary().corpus() + ")";
  }

  /**
   * Returns whether two roots share one vocabulary, as the singleton must make them.
   *
   * @param a an object provisioned for one root
   * @param b an object provisioned for another root of the same injector
   * @return whether every part of both holds the same vocabulary instance
   */
  public static boolean shareVocabulary(Object a, Object b) {
    Block first = (Block) a;
    Block second = (Block) b;
    Vocabulary vocabulary = first.vocabulary();
    return second.vocabulary() == vocabulary
        && first.layer().vocabulary() == vocabulary && second.layer().vocabulary() == vocabulary
        && first.head().vocabulary() == vocabulary && second.head().vocabulary() == vocabulary;
  }

  private static Key<Block> blockKey(int i) {
    return Key.get(Block.class, Names.named("block" + i));
  }

  /** Binds the constants, the {@code @Provides} module and every root. */
  private static final class GraphModule extends AbstractModule {
    private static final TypeLiteral<List<String>> LABELS = new TypeLiteral<>() {};

    private final int blocks;

    GraphModule(int blocks) {
      this.blocks = blocks;
    }

    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("vocabSize")).to(30_000);
      bindConstant().annotatedWith(Names.named("corpus")).to("corpus.txt");
      bindConstant().annotatedWith(Names.named("dropout")).to(0.1);
      bindConstant().annotatedWith(Names.named("activation")).to("relu");
      bindConstant().annotatedWith(Names.named("width")).to(64);
      bind(LABELS).annotatedWith(Names.named("labels")).toInstance(List.of("good", "bad", "ugly"));
      install(new HeadModule());
      Constructor<Block> constructor = blockConstructor();
      for (int i = 0; i < blocks; i++) {
        bind(blockKey(i)).toConstructor(constructor);
      }
    }

    private static Constructor<Block> blockConstructor() {
      try {
        return Block.class.getDeclaredConstructor(Vocabulary.class, Layer.class, Head.class, int.class);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("Block lost its constructor", e);
      }
    }
  }
}
