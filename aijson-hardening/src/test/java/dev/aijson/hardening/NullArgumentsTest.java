package dev.aijson.hardening;

import dev.aijson.truth.AiJsonSubjects;
import dev.aijson.truth.DocumentSubject;
import dev.aijson.truth.ValueSubject;
import dev.aijson.truth.VarSubject;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.inject.Guice;
import com.google.inject.matcher.Matchers;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonLimits;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonValues;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.recording.AiJsonRecorder;
import dev.aijson.core.recording.Arg;
import dev.aijson.core.recording.Bound;
import dev.aijson.core.recording.Elements;
import dev.aijson.core.recording.Entry;
import dev.aijson.core.recording.Member;
import dev.aijson.core.recording.ProviderOf;
import dev.aijson.core.recording.Unobserved;
import dev.aijson.core.replay.AiJsonReplayer;
import dev.aijson.core.replay.ReplayHooks;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import dev.aijson.guice.ReplayModule;
import dev.aijson.tools.codegen.AiJsonCodegen;
import dev.aijson.tools.diff.AiJsonDiff;
import dev.aijson.tools.graphs.AiJsonGraphs;
import dev.aijson.tools.params.AiJsonParams;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 13): {@code withInstance("var2", null)} and {@code override(null, 7)} threw a
 * bare {@code NullPointerException}. Every public constructor and method of the published API
 * (aijson-core's API, recording and replay packages, aijson-guice, aijson-tools, aijson-truth), called with a
 * null in each reference parameter and sensible values in the others, throws a {@code
 * NullPointerException} or {@code IllegalArgumentException} whose message names the parameter;
 * where null is a documented valid value, {@link #NULL_ALLOWED} says so. {@code ReplayHooks} is
 * left out: users implement it, and replay calls it with values it has checked.
 */
class NullArgumentsTest {
  /** A component of this package that replay may build. */
  public static final class Knob {
    final int size;
    final String name;

    @Inject
    public Knob(int size, String name) {
      this.size = size;
      this.name = name;
    }
  }

  private static final String JSON = "{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"constructor\","
      + " \"module\": \"dev.aijson.hardening\", \"caller\": \"NullArgumentsTest$Knob\","
      + " \"signature\": [\"int\", \"java.lang.String\"], \"kwargs\": {\"size\": 1, \"name\": \"n\"}}}}";

  /** The classes whose public members are checked, nested public classes included. */
  private static final List<Class<?>> API = List.of(AiJsonDocument.class, AiJsonVar.class,
      AiJsonRef.class, AiJsonException.class, AiJsonLimits.class, AiJsonValues.class,
      AiJsonRecorder.class, Arg.class, Bound.class, Elements.class, Entry.class, Member.class,
      ProviderOf.class, Unobserved.class, AiJsonReplayer.class,
      AiJsonModule.class, ReplayModule.class, AiJsonLog.class, AiJsonCodegen.class,
      AiJsonDiff.class, AiJsonGraphs.class, AiJsonParams.class, AiJsonSubjects.class,
      DocumentSubject.class, VarSubject.class, ValueSubject.class);

  /**
   * Parameters where null is a documented valid value, as {@code Class#method(parameter)}; each
   * says so in its javadoc.
   */
  private static final Set<String> NULL_ALLOWED = Set.of(
      // a document value: null is the JSON null
      "AiJsonDocument#override(value)", "AiJsonReplayer#override(value)",
      "ReplayModule#override(value)", "AiJsonValues#of(value)", "AiJsonValues#toJson(value)",
      "AiJsonValues#show(value)", "AiJsonValues#forEachReference(value)",
      "AiJsonVar#withKwarg(value)", "Arg#new(value)", "Bound#new(instance)",
      "AiJsonRecorder#asReceived(given)", "AiJsonRecorder#mayChange(given)",
      // "or null": no document, no cause, no key, no receiver, no factory, none to compare
      "AiJsonValues#show(document)", "AiJsonException#new(cause)", "AiJsonVar#new(key)",
      "AiJsonVar#new(receiver)", "AiJsonVar#new(factory)", "Bound#new(key)",
      "Unobserved#new(key)", "Entry#new(method)", "Entry#new(key)", "Entry#new(receiver)",
      "Entry#new(product)", "Entry#new(factory)", "Entry#constructor(product)",
      "AiJsonRecorder#record(key)", "AiJsonRecorder#record(product)", "AiJsonRecorder#asReceived(declared)",
      "AiJsonRecorder#snapshotWithEnvironment(libraries)",
      "AiJsonReplayer#environmentWarnings(libraries)", "AiJsonGraphs#toTree(title)",
      // a difference: the side that has nothing there is null (AiJsonDiff.Change, AiJsonParams.Change)
      "Change#new(beforePath)", "Change#new(afterPath)", "Change#new(before)", "Change#new(after)",
      // lookups: null, like any name that is not there, finds nothing
      "AiJsonDocument#find(name)", "AiJsonDocument#position(name)", "AiJsonRecorder#varOf(object)",
      "AiJsonRecorder#tracks(object)",
      // Truth: a null subject or expectation, as in Truth's own subjects
      "AiJsonSubjects#assertThat(document)", "VarSubject#hasKey(key)", "ValueSubject#isEqualTo(expected)",
      "ValueSubject#isNotEqualTo(unexpected)", "ValueSubject#isAnyOf(first)", "ValueSubject#isAnyOf(second)",
      "ValueSubject#isAnyOf(rest)", "ValueSubject#isNoneOf(first)", "ValueSubject#isNoneOf(second)",
      "ValueSubject#isNoneOf(rest)",
      "AiJsonDiff#counterpart(beforeVar)", "AiJsonParams#pointer(name)", "AiJsonRef#isVarName(name)");

  @TempDir Path folder;

  @Test
  void publicApi_nullInEachReferenceParameter_isRefusedNamingTheParameter() throws IOException {
    Map<Class<?>, Object> samples = samples();
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Class<?> type : classes()) {
      List<Executable> executables = new ArrayList<>(List.of(type.getConstructors()));
      for (Method method : type.getDeclaredMethods()) {
        if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()
            && !method.getName().equals("equals")
            && !(type.isEnum() && method.getName().equals("valueOf"))) {
          executables.add(method);
        }
      }
      for (Executable executable : executables) {
        boolean instance = executable instanceof Method m && !Modifier.isStatic(m.getModifiers());
        Object receiver = instance ? samples.get(type) : null;
        if (instance && receiver == null) {
          continue;
        }
        Parameter[] parameters = executable.getParameters();
        for (int i = 0; i < parameters.length; i++) {
          if (parameters[i].getType().isPrimitive()) {
            continue;
          }
          String label = type.getSimpleName() + "#" + (executable instanceof Constructor<?> ? "new"
              : executable.getName()) + "(" + parameters[i].getName() + ")";
          if (NULL_ALLOWED.contains(label)) {
            continue;
          }
          Object[] args = new Object[parameters.length];
          boolean complete = true;
          for (int j = 0; j < parameters.length; j++) {
            if (j != i) {
              args[j] = sample(parameters[j], samples);
              complete &= args[j] != null || parameters[j].getType().isPrimitive();
            }
          }
          if (!complete) {
            failures.add(label + ": no sample value for another parameter; add one to samples()");
            continue;
          }
          checked++;
          String failure = call(executable, receiver, args, parameters[i].getName());
          if (failure != null) {
            failures.add(label + ": " + failure);
          }
        }
      }
    }

    assertWithMessage("%s parameters checked; these took null without naming it", checked)
        .that(failures).isEmpty();
    assertWithMessage("parameters checked").that(checked).isAtLeast(60);
  }

  /** Returns why calling with null failed the rule, or null if it threw as it should. */
  private static String call(Executable executable, Object receiver, Object[] args, String name) {
    try {
      if (executable instanceof Constructor<?> constructor) {
        constructor.newInstance(args);
      } else {
        ((Method) executable).invoke(receiver, args);
      }
      return "accepted null (if null is valid, say so in the javadoc and list it in NULL_ALLOWED)";
    } catch (InvocationTargetException e) {
      Throwable thrown = e.getCause();
      if (!(thrown instanceof NullPointerException) && !(thrown instanceof IllegalArgumentException)) {
        return "threw " + thrown;
      }
      String message = String.valueOf(thrown.getMessage());
      // the JDK's own message ("Cannot invoke ... because "x" is null") names no fix
      if (!message.contains(name) || message.length() < name.length() + 10
          || message.startsWith("Cannot ")) {
        return "threw " + thrown.getClass().getSimpleName() + " \"" + message + "\", which does"
            + " not name the parameter and the fix";
      }
      return null;
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      return "could not be called with the samples (" + e + "); fix samples()";
    }
  }

  private static List<Class<?>> classes() {
    List<Class<?>> classes = new ArrayList<>();
    for (Class<?> type : API) {
      classes.add(type);
      for (Class<?> nested : type.getClasses()) {
        if (!nested.isInterface() || nested.getDeclaredMethods().length > 0) {
          classes.add(nested);
        }
      }
    }
    return classes;
  }

  /** Returns a sensible value for {@code parameter}: by its name where that matters, else by type. */
  private Object sample(Parameter parameter, Map<Class<?>, Object> samples) {
    Class<?> type = parameter.getType();
    String name = parameter.getName();
    if (type == String.class) {
      return switch (name) {
        case "json" -> JSON;
        case "path", "dottedPath" -> "var0.kwargs.size";
        case "packageName", "javaPackage" -> "dev.aijson.generated";
        case "className" -> "Generated";
        default -> "var0";
      };
    }
    if (type == String[].class) {
      return new String[] {"dev.aijson.hardening"};
    }
    if (type.isPrimitive()) {
      return type == boolean.class ? (Object) false : type == long.class ? (Object) 1L
          : type == int.class ? (Object) 1 : type == double.class ? (Object) 1.0 : null;
    }
    if (type == Object.class) {
      return 7;
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    Object sample = samples.get(type);
    if (sample == null && type.isInterface()) {
      return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
          (proxy, method, arguments) -> method.getReturnType() == boolean.class ? false : null);
    }
    return sample;
  }

  private Map<Class<?>, Object> samples() throws IOException {
    Map<Class<?>, Object> samples = new LinkedHashMap<>();
    AiJsonDocument document = AiJsonDocument.parse(JSON);
    Path file = Files.writeString(folder.resolve("knob.json"), JSON);
    samples.put(AiJsonDocument.class, document);
    samples.put(AiJsonVar.class, document.var("var0"));
    samples.put(AiJsonRef.class, AiJsonRef.to("var0"));
    samples.put(AiJsonException.class, new AiJsonException("/vars", "a message"));
    samples.put(AiJsonLimits.class, AiJsonLimits.defaults());
    samples.put(AiJsonRecorder.class, AiJsonRecorder.withCap(10));
    samples.put(dev.aijson.core.recording.VarTemplate.class, dev.aijson.core.recording.VarTemplate.of(
        dev.aijson.core.recording.Entry.constructor(Knob.class, List.of(), null)));
    samples.put(Object[].class, new Object[0]);
    samples.put(AiJsonReplayer.class, AiJsonReplayer.allowing("dev.aijson.hardening").of(document));
    samples.put(AiJsonReplayer.Policy.class, AiJsonReplayer.allowing("dev.aijson.hardening"));
    samples.put(ReplayModule.class, ReplayModule.from(JSON));
    samples.put(ReplayModule.Policy.class, ReplayModule.allowing("dev.aijson.hardening"));
    samples.put(AiJsonModule.class, new AiJsonModule());
    samples.put(AiJsonLog.class, Guice.createInjector(new AiJsonModule()).getInstance(AiJsonLog.class));
    samples.put(AiJsonDiff.class, AiJsonDiff.between(document, document));
    samples.put(AiJsonParams.class, AiJsonParams.of(document));
    samples.put(Path.class, file);
    samples.put(ClassLoader.class, NullArgumentsTest.class.getClassLoader());
    samples.put(Class.class, Knob.class);
    samples.put(Type.class, Knob.class);
    samples.put(List.class, List.of());
    samples.put(Map.class, Map.of());
    samples.put(Function.class, Function.identity());
    samples.put(AiJsonVar.Kind.class, AiJsonVar.Kind.CONSTRUCTOR);
    samples.put(com.google.inject.matcher.Matcher.class, Matchers.any());
    samples.put(ReplayHooks.class, new ReplayHooks() {});
    samples.put(DocumentSubject.class, AiJsonSubjects.assertThat(document));
    samples.put(VarSubject.class, AiJsonSubjects.assertThat(document).varNamed("var0"));
    samples.put(ValueSubject.class, AiJsonSubjects.assertThat(document).varNamed("var0").kwarg("size"));
    samples.put(Throwable.class, new RuntimeException("a cause"));
    samples.put(AiJsonVar.Factory.class, new AiJsonVar.Factory("a.Factory", "create", List.of()));
    samples.put(com.google.inject.Binder.class, null);
    return samples;
  }
}
