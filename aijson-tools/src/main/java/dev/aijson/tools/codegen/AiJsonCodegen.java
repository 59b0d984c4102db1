package dev.aijson.tools.codegen;

import dev.aijson.core.internal.NullArguments;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.ProblemList;
import dev.aijson.core.internal.ReplayPlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a document into the Java source of a Guice module that wires the same object graph in
 * code: one {@code @Provides} method per var, for code review and for teams that prefer code to
 * JSON.
 *
 * <p>How the document becomes code:
 *
 * <ul>
 *   <li>A {@code constructor} var becomes a method that calls the recorded constructor with the
 *       recorded arguments, then sets its recorded {@code members} (fields and methods).
 *   <li>A {@code provides} var calls its {@code @Provides} method on a new instance of its module
 *       (or on the class, for a static method).
 *   <li>A {@code call} var whose result something uses, or that has a key (a provider's
 *       {@code get()}), calls the method on its receiver. A call nothing uses (a logged {@code
 *       fit}) is written as a comment and not run, as replay does not run it: serving never
 *       re-trains.
 *   <li>A {@code multibinding} var (a set, map or optional of Guice's multibindings) becomes a
 *       method that provides the collection, bound to its key, built from its elements in the
 *       recorded order: an unmodifiable {@code LinkedHashSet} or {@code LinkedHashMap}, or an
 *       {@code Optional}.
 *   <li>An {@code opaque} var, an instance the recording could not look into, becomes a
 *       constructor parameter of the generated module, which its method returns; the {@code
 *       Injector} and {@code java.util.logging.Logger} that Guice supplied (and refuses to bind)
 *       are not bound: methods receive Guice's own injector, and the logger named after the class
 *       that received it, as replay gives them.
 *   <li>Each method binds the var's recorded key, with its qualifier and scope ({@code
 *       @Singleton} for singletons, so they stay shared). Where several vars have the same key
 *       (an unscoped key provisioned more than once), the last binds the key, as in replay, and
 *       the others, like vars without a key, bind {@code @Named("varN")} with their own class.
 *   <li>A reference becomes a parameter of the method, bound to the key of the var it names; a
 *       {@code {"provider": key}} argument becomes a {@code Provider} parameter of that key.
 *   <li>Values are written as Java literals of the declared parameter type: {@code 5L}, {@code
 *       0.1f}, enum constants, {@code new Config(...)} for records, {@code List.of(...)} for
 *       lists, {@code new LinkedHashSet<>(List.of(...))} and {@code new TreeSet<>(...)} for sets
 *       and a small {@code linkedMap(...)} helper for maps, so that iteration order is kept. Lists
 *       are immutable unless the parameter's type is a concrete class such as {@code ArrayList}.
 *   <li>Where a constructor or method has an overload of the same arity, an argument whose type
 *       is not exact ({@code null}, a reference, a collection) is cast to its parameter type, so
 *       that the compiler picks the recorded one.
 * </ul>
 *
 * <p>Unscoped vars behave as unscoped keys do in Guice: one instance per injection point. The
 * generated code calls constructors and methods directly, so they must be accessible from the
 * generated package: public, or package-private and generated into the same package (and loaded
 * by the same class loader). Anything else is reported, with every other problem, in one
 * {@link AiJsonException}. The document is first checked as replay checks it, with every package
 * it names allowed, so the classes must be on the class path given.
 *
 * <pre>{@code
 * AiJsonDocument document = AiJsonDocument.parse(Files.readString(Path.of("pipeline.json")));
 * String java = AiJsonCodegen.toJava(document, "com.acme.serving", "PipelineWiring");
 * Files.writeString(Path.of("src/main/java/com/acme/serving/PipelineWiring.java"), java);
 * // Guice.createInjector(new PipelineWiring(dataSource)).getInstance(SentimentPipeline.class)
 * }</pre>
 */
public final class AiJsonCodegen {
  private AiJsonCodegen() {}

  /**
   * Returns the Java source of a Guice module that wires {@code document}, loading its classes
   * from the thread's context class loader.
   *
   * @param document the document
   * @param packageName the package of the generated class, such as {@code com.acme.serving}
   * @param className the simple name of the generated class, such as {@code PipelineWiring}
   * @return the source of one compilation unit
   * @throws AiJsonException listing every problem: names that are not Java names, classes that do
   *     not load, members the generated package cannot access, and what replay would refuse
   */
  public static String toJava(AiJsonDocument document, String packageName, String className) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return toJava(document, packageName, className,
        context != null ? context : AiJsonCodegen.class.getClassLoader());
  }

  /**
   * Returns the Java source of a Guice module that wires {@code document}, loading its classes
   * from {@code classLoader}.
   *
   * @param document the document
   * @param packageName the package of the generated class ({@code ""} for the default package)
   * @param className the simple name of the generated class
   * @param classLoader the class loader of the document's classes
   * @return the source of one compilation unit
   * @throws AiJsonException listing every problem
   * @throws NullPointerException if {@code document} or {@code classLoader} is null
   */
  public static String toJava(
      AiJsonDocument document, String packageName, String className, ClassLoader classLoader) {
    Objects.requireNonNull(document,
        "AiJsonCodegen.toJava needs a document, but got null. Pass a parsed AiJsonDocument.");
    NullArguments.check(packageName, "AiJsonCodegen.toJava", "packageName", "Pass a package such"
        + " as com.acme.serving.");
    NullArguments.check(className, "AiJsonCodegen.toJava", "className", "Pass a simple name such"
        + " as PipelineWiring.");
    Problems problems = new Problems();
    if (!JavaNames.isPackageName(packageName)) {
      problems.add("", "\"" + packageName + "\" is not a Java package name. Pass a package such"
          + " as com.acme.serving.");
    }
    if (!JavaNames.isClassName(className)) {
      problems.add("", "\"" + className + "\" is not a Java class name. Pass a simple name such"
          + " as PipelineWiring.");
    }
    for (AiJsonVar var : document.vars()) {
      if (var.kind() == AiJsonVar.Kind.FACTORY) {
        problems.add(var.pointer(), var.label() + " is an assisted-inject factory (" + var.key()
            + "), which code generation does not write yet. Replay the document with"
            + " ReplayModule, which implements the factory from the objects it made.");
      } else if (var.factory() != null) {
        problems.add(var.pointer() + "/factory", var.label() + " was made by the factory method "
            + var.factory().key() + "#" + var.factory().method() + ", which code generation does"
            + " not write yet. Replay the document with ReplayModule, which implements the factory"
            + " from the objects it made.");
      }
    }
    problems.throwIfAny();
    NullArguments.check(classLoader, "AiJsonCodegen.toJava", "classLoader", "Pass the class loader"
        + " of the document's classes, or use toJava(document, packageName, className).");
    ReplayPlan plan;
    try {
      plan = ReplayPlan.of(document, classLoader, rootPackages(document));
    } catch (AiJsonException e) {
      // the checks are replay's: a class loader is passed here, not with withClassLoader
      throw ProblemList.rewritten(e, message -> message.replace("with withClassLoader(...)",
          "to toJava(document, packageName, className, classLoader)"));
    }
    return CompilationUnit.write(plan, packageName, className, classLoader);
  }

  /** Allows everything the document names: codegen constructs nothing. */
  private static List<String> rootPackages(AiJsonDocument document) {
    Set<String> roots = new LinkedHashSet<>();
    for (AiJsonVar var : document.vars()) {
      int dot = var.module().indexOf('.');
      roots.add(dot < 0 ? var.module() : var.module().substring(0, dot));
    }
    return new ArrayList<>(roots);
  }
}
