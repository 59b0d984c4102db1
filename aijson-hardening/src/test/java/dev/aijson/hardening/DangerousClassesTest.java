package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.inject.Guice;
import dev.aijson.core.AiJsonException.Problem;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.internal.AiJsonTypes;
import dev.aijson.guice.ReplayModule;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dangerous classes of the JDK and of common libraries, each named in a document as a
 * constructor, a {@code @Provides} method and a logged call: replay refuses all of them by
 * default, builds nothing and initialises none of them.
 */
class DangerousClassesTest {
  /** A class and the method a document would call on it. */
  record Dangerous(String className, String method) {
    @Override
    public String toString() {
      return className + "#" + method;
    }
  }

  static final List<Dangerous> DANGEROUS = List.of(
      // processes
      new Dangerous("java.lang.ProcessBuilder", "start"),
      new Dangerous("java.lang.Runtime", "exec"),
      new Dangerous("java.lang.System", "exit"),
      new Dangerous("java.lang.Thread", "start"),
      // scripts and expression languages
      new Dangerous("javax.script.ScriptEngineManager", "getEngineByName"),
      new Dangerous("jdk.jshell.JShell", "create"),
      new Dangerous("groovy.lang.GroovyShell", "evaluate"),
      new Dangerous("org.springframework.expression.spel.standard.SpelExpressionParser", "parseExpression"),
      new Dangerous("org.mvel2.MVEL", "eval"),
      new Dangerous("ognl.Ognl", "getValue"),
      // JNDI and remote objects
      new Dangerous("javax.naming.InitialContext", "lookup"),
      new Dangerous("javax.naming.InitialContext", "doLookup"),
      new Dangerous("javax.naming.ldap.InitialLdapContext", "lookup"),
      new Dangerous("com.sun.rowset.JdbcRowSetImpl", "setDataSourceName"),
      new Dangerous("java.rmi.registry.LocateRegistry", "getRegistry"),
      new Dangerous("java.rmi.Naming", "lookup"),
      new Dangerous("javax.management.remote.JMXConnectorFactory", "connect"),
      // class loaders and code
      new Dangerous("java.net.URLClassLoader", "newInstance"),
      new Dangerous("java.lang.ClassLoader", "defineClass"),
      new Dangerous("java.security.SecureClassLoader", "defineClass"),
      new Dangerous("java.lang.Class", "forName"),
      new Dangerous("java.util.ServiceLoader", "load"),
      new Dangerous("java.beans.XMLDecoder", "readObject"),
      new Dangerous("java.beans.Beans", "instantiate"),
      new Dangerous("java.io.ObjectInputStream", "readObject"),
      new Dangerous("com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl", "newTransformer"),
      new Dangerous("org.apache.commons.collections.functors.InvokerTransformer", "transform"),
      // files
      new Dangerous("java.io.FileInputStream", "read"),
      new Dangerous("java.io.FileOutputStream", "write"),
      new Dangerous("java.io.RandomAccessFile", "write"),
      new Dangerous("java.io.FileWriter", "write"),
      new Dangerous("java.io.File", "delete"),
      new Dangerous("java.nio.file.Files", "readString"),
      new Dangerous("java.nio.file.Files", "delete"),
      new Dangerous("java.util.zip.ZipFile", "entries"),
      // network
      new Dangerous("java.net.Socket", "connect"),
      new Dangerous("java.net.ServerSocket", "accept"),
      new Dangerous("java.net.URL", "openStream"),
      new Dangerous("java.net.URLConnection", "connect"),
      new Dangerous("java.net.http.HttpClient", "newHttpClient"),
      new Dangerous("java.net.DatagramSocket", "send"),
      // reflection helpers
      new Dangerous("java.lang.reflect.Proxy", "newProxyInstance"),
      new Dangerous("java.lang.reflect.Method", "invoke"),
      new Dangerous("java.lang.reflect.Constructor", "newInstance"),
      new Dangerous("java.lang.reflect.AccessibleObject", "setAccessible"),
      new Dangerous("java.lang.invoke.MethodHandles", "lookup"),
      new Dangerous("java.lang.invoke.MethodHandles$Lookup", "findStatic"),
      new Dangerous("sun.misc.Unsafe", "allocateInstance"),
      // the injector itself and our own stand-in
      new Dangerous("com.google.inject.Guice", "createInjector"),
      new Dangerous("com.google.inject.Injector", "getInstance"),
      new Dangerous("dev.aijson.hardening.canary.Detonator", "fire"),
      new Dangerous("dev.aijson.hardening.canary.Detonator", "arm"));

  private static final Map<String, Boolean> UNINITIALISED_BEFORE = new LinkedHashMap<>();
  private static int documents;

  @BeforeAll
  static void noteWhichClassesAreNotInitialised() {
    Guice.createInjector(); // the test itself uses Guice
    for (Dangerous dangerous : DANGEROUS) {
      Class<?> type = load(dangerous.className());
      if (type != null && JdkClasses.canTell()) {
        UNINITIALISED_BEFORE.put(dangerous.className(), JdkClasses.isUninitialised(type));
      }
    }
  }

  static Stream<Arguments> documents() {
    List<Arguments> all = new ArrayList<>();
    for (Dangerous dangerous : DANGEROUS) {
      all.add(Arguments.of(dangerous, "constructor", constructorDocument(dangerous)));
      all.add(Arguments.of(dangerous, "provides", providesDocument(dangerous)));
      all.add(Arguments.of(dangerous, "call", callDocument(dangerous)));
      all.add(Arguments.of(dangerous, "a provider's get", providerDocument(dangerous)));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("documents")
  void dangerousClass_namedInADocument_isRefusedAndNothingIsBuilt(
      Dangerous dangerous, String shape, String json) {
    long constructed = Census.constructions();

    AiJsonException e = refusal(json);

    List<String> paths = e.problems().stream().map(Problem::path).toList();
    assertWithMessage("%s as %s: %s", dangerous, shape, e.getMessage()).that(paths)
        .containsAnyOf("/vars/var0/caller", "/vars/var1/caller", "/vars/var0/signature",
            "/vars/var1/signature", "/vars/var0/key");
    assertThat(Census.constructions()).isEqualTo(constructed);
    assertThat(Census.isInitialised("dev.aijson.hardening.canary.Detonator")).isFalse();
    documents++;
  }

  @Test
  void dangerousClass_inAnotherAllowedPackage_isStillRefused() {
    String json = constructorDocument(new Dangerous("java.lang.ProcessBuilder", "start"));

    Throwable thrown = null;
    try {
      Guice.createInjector(ReplayModule.from(json).allowPackages("dev.aijson.hardening", "java.lang.reflect"));
    } catch (Throwable t) {
      thrown = t;
    }

    assertThat(FuzzRun.refusalOf(thrown)).isNotNull();
  }

  @AfterAll
  static void noDangerousClassWasInitialised() {
    List<String> initialised = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, Boolean> entry : UNINITIALISED_BEFORE.entrySet()) {
      if (entry.getValue()) {
        checked++;
        if (!JdkClasses.isUninitialised(load(entry.getKey()))) {
          initialised.add(entry.getKey());
        }
      }
    }
    assertWithMessage("classes initialised by replaying documents that name them")
        .that(initialised).isEmpty();
    long present = DANGEROUS.stream().map(Dangerous::className).distinct().filter(n -> load(n) != null).count();
    Figures.row("3-security-dangerous-classes",
        "A hostile document cannot make replay construct, call or initialise a dangerous class",
        DANGEROUS.size() + " dangerous methods of " + DANGEROUS.stream().map(Dangerous::className)
            .distinct().count() + " classes (process, script, JNDI, class loader, file, network,"
            + " reflection, injector; " + present + " on the test classpath), each"
            + " named as constructor, @Provides method, call and provider get(): " + documents
            + " documents",
        documents + " refused by default, 0 objects constructed; " + checked + " classes that"
            + " were not initialised before are still not initialised",
        Map.of("classes", DANGEROUS.size(), "onClasspath", present, "documents", documents,
            "checkedUninitialised", checked));
  }

  /** Replays {@code json} as serving code would and returns its refusal. */
  static AiJsonException refusal(String json) {
    Throwable thrown = null;
    try {
      Guice.createInjector(ReplayModule.from(json));
    } catch (Throwable t) {
      thrown = t;
    }
    assertWithMessage("accepted:\n%s", json).that(thrown).isNotNull();
    AiJsonException refusal = FuzzRun.refusalOf(thrown);
    if (refusal == null) {
      throw new AssertionError("refused with something else than an AiJsonException", thrown);
    }
    return refusal;
  }

  static Class<?> load(String name) {
    try {
      return Class.forName(name, false, DangerousClassesTest.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  // documents

  private static String constructorDocument(Dangerous dangerous) {
    Class<?> type = load(dangerous.className());
    Executable constructor = type == null ? null
        : Stream.of(type.getDeclaredConstructors()).filter(c -> Modifier.isPublic(c.getModifiers()))
            .findFirst().orElse(type.getDeclaredConstructors().length == 0 ? null : type.getDeclaredConstructors()[0]);
    return document("\"var0\": " + var("constructor", dangerous.className(), null, null, constructor));
  }

  private static String providesDocument(Dangerous dangerous) {
    return document("\"var0\": " + var("provides", dangerous.className(), dangerous.method(), null,
        method(dangerous)));
  }

  private static String callDocument(Dangerous dangerous) {
    return document("\"var0\": {\"kind\": \"opaque\", \"module\": \"" + module(dangerous.className())
        + "\", \"caller\": \"" + simple(dangerous.className()) + "\", \"key\": \""
        + dangerous.className().replace('$', '.') + "\"}, \"var1\": "
        + var("call", dangerous.className(), dangerous.method(), "$var0", method(dangerous)));
  }

  /** Names the method {@code get}, as a recorded provider binding is written. */
  private static String providerDocument(Dangerous dangerous) {
    return document("\"var0\": {\"kind\": \"opaque\", \"module\": \"" + module(dangerous.className())
        + "\", \"caller\": \"" + simple(dangerous.className()) + "\"}, \"var1\": "
        + var("call", dangerous.className(), "get", "$var0", null));
  }

  private static Method method(Dangerous dangerous) {
    Class<?> type = load(dangerous.className());
    if (type == null) {
      return null;
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (method.getName().equals(dangerous.method()) && !method.isBridge()) {
          return method;
        }
      }
    }
    return null;
  }

  private static String var(String kind, String className, String method, String receiver, Executable executable) {
    List<String> signature = new ArrayList<>();
    StringBuilder kwargs = new StringBuilder();
    if (executable != null) {
      java.lang.reflect.Type[] types = executable.getGenericParameterTypes();
      for (int i = 0; i < types.length; i++) {
        signature.add(Json.quote(AiJsonTypes.name(types[i])));
        kwargs.append(i == 0 ? "" : ", ").append("\"arg").append(i).append("\": ")
            .append(argument(executable.getParameterTypes()[i]));
      }
    }
    return "{\"kind\": \"" + kind + "\", \"module\": \"" + module(className) + "\", \"caller\": \""
        + simple(className) + (method == null ? "" : "#" + method) + "\""
        + (receiver == null ? "" : ", \"receiver\": \"" + receiver + "\"")
        + ", \"signature\": [" + String.join(", ", signature) + "], \"kwargs\": {" + kwargs + "}}";
  }

  /** A value that decodes for the parameter type, so that only the policy can refuse. */
  private static String argument(Class<?> type) {
    if (type == boolean.class) {
      return "false";
    }
    if (type.isPrimitive()) {
      return type == char.class ? "\"x\"" : "0";
    }
    if (type == String.class) {
      return "\"touch /tmp/aijson-pwned\"";
    }
    if (type == String[].class) {
      return "[\"sh\", \"-c\", \"touch /tmp/aijson-pwned\"]";
    }
    return "null";
  }

  private static String document(String vars) {
    return "{\"aijson\": 1, \"vars\": {" + vars + "}}";
  }

  private static String module(String className) {
    return className.substring(0, className.lastIndexOf('.'));
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /**
   * Tells whether a JDK class has been initialised, without initialising it, through
   * {@code sun.misc.Unsafe.shouldBeInitialized} (deprecated, present in Java 17); where it is
   * missing the check is skipped and reported as such.
   */
  static final class JdkClasses {
    private static final Object UNSAFE;
    private static final Method SHOULD_BE_INITIALIZED;

    static {
      Object unsafe = null;
      Method method = null;
      try {
        Class<?> type = Class.forName("sun.misc.Unsafe");
        Field field = type.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        unsafe = field.get(null);
        method = type.getMethod("shouldBeInitialized", Class.class);
      } catch (ReflectiveOperationException | RuntimeException e) {
        unsafe = null;
      }
      UNSAFE = unsafe;
      SHOULD_BE_INITIALIZED = method;
    }

    private JdkClasses() {}

    static boolean canTell() {
      return UNSAFE != null && SHOULD_BE_INITIALIZED != null;
    }

    static boolean isUninitialised(Class<?> type) {
      try {
        return (Boolean) SHOULD_BE_INITIALIZED.invoke(UNSAFE, type);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
