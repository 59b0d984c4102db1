package dev.aijson.core.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.replay.AiJsonReplayer;
import dev.aijson.testing.TestDocuments;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Provider;
import org.junit.jupiter.api.Test;

class ReplaySecurityTest {
  private static final String OUTER = "dev.aijson.core.internal.ReplaySecurityTest$";

  static final class InitFlag {
    static volatile boolean initialised;
  }

  static final class Loud {
    static {
      InitFlag.initialised = true;
    }

    Loud() {}
  }

  static final class Plain {
    final int n;

    Plain(int n) {
      this.n = n;
    }
  }

  @AiJson
  static final class Marked {
    final int n;

    Marked(int n) {
      this.n = n;
    }
  }

  static final class Settable {
    String name;

    @Inject
    Settable() {}

    void setName(String name) {
      this.name = name;
    }
  }

  static class Named {
    String name;

    void setName(String name) {
      this.name = name;
    }
  }

  @AiJson
  static final class MarkedSettable extends Named {
    MarkedSettable() {}
  }

  /** A module only its own factory makes, as a library's module can be. */
  static final class PrivateModule {
    private PrivateModule() {}

    static PrivateModule create() {
      return new PrivateModule();
    }

    String name() {
      return "from the module";
    }
  }

  static final class Counter {
    @Inject
    Counter() {}

    int twice(int n) {
      return 2 * n;
    }
  }

  static final class Holder {
    final Object value;

    @Inject
    Holder(Object value) {
      this.value = value;
    }
  }

  static final class NameProvider implements Provider<String> {
    @Inject
    NameProvider() {}

    @Override
    public String get() {
      return "provided";
    }
  }

  /** A model component that runs its training on a thread of its own, as pipelines do. */
  @AiJson
  static final class Worker extends Thread {
    static volatile boolean ran;
    int epochs;

    Worker() {}

    @Override
    public void run() {
      ran = true;
    }

    int fit(int epochs) {
      this.epochs = epochs;
      return epochs;
    }
  }

  /** An opted-in class whose methods are mostly a library's. */
  @AiJson
  static final class Labels extends java.util.ArrayList<String> {
    Labels() {}
  }

  /** Returns the document {@code name} of src/test/resources/dev/aijson/core/internal. */
  private static String document(String name) {
    return TestDocuments.read(ReplaySecurityTest.class, name);
  }

  private static final String PROCESS_BUILDER = document("process-builder.json");

  private static final String LOUD = document("loud.json");

  private static final String PLAIN = document("plain.json");

  @Test
  void processBuilder_isRefusedByDefault() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.of(PROCESS_BUILDER));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e).hasMessageThat().isEqualTo("var0 (java.lang.ProcessBuilder): replay does not"
        + " construct java.lang.ProcessBuilder: its package is not allowed and the class is not"
        + " annotated @AiJson (an @Inject constructor alone is not enough). Allow it with"
        + " AiJsonReplayer.allowing(\"java.lang\") or allowPackages(\"java.lang\"), or annotate the"
        + " class with @AiJson; the document names it at /vars/var0/caller.");
  }

  @Test
  void injectClass_outsideTheAllowedPackages_isRefusedByDefault() {
    String json = document("counter-twice-call.json");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("com.acme").of(json));

    assertThat(e.problems().get(0).path()).isEqualTo("/vars/var0/caller");
    assertThat(e.problems().get(0).message()).isEqualTo("var0 (" + OUTER + "Counter): replay does"
        + " not construct " + OUTER + "Counter: its package is not allowed and the class is not"
        + " annotated @AiJson (an @Inject constructor alone is not enough). Allow it with"
        + " AiJsonReplayer.allowing(\"dev.aijson.core.internal\") or"
        + " allowPackages(\"dev.aijson.core.internal\"), or annotate the class with @AiJson; the document names it at /vars/var0/caller.");
  }

  @Test
  void allowing_ownPackage_constructsTheInjectClass() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.internal").of(COUNTER_CALL);

    assertThat(replayer.build()).isEqualTo(42);
  }

  @Test
  void allowing_wildcard_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AiJsonReplayer.allowing("com.acme.*"));

    assertThat(e).hasMessageThat().isEqualTo("allowPackages: \"com.acme.*\" is not a package name;"
        + " write it as com.acme.models (sub-packages are included, no wildcard).");
  }

  @Test
  void moduleWithPrivateConstructor_isNotInstantiated() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.internal")
        .of(document("private-module-provides.json"));

    AiJsonException e = assertThrows(AiJsonException.class, replayer::build);

    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "PrivateModule#name): replay"
        + " cannot instantiate the module class " + OUTER + "PrivateModule to call name: its"
        + " no-argument constructor is private. Supply the module, or the object the method"
        + " returns, with withInstance(\"var0\", object). The var is at /vars/var0.");
  }

  @Test
  void moduleWithPrivateConstructor_withInstanceOfTheModule_isCalled() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.internal")
        .of(document("private-module-provides.json"))
        .withInstance("var0", PrivateModule.create());

    assertThat(replayer.build()).isEqualTo("from the module");
  }

  @Test
  void scriptEngineManager_isRefusedByDefault() {
    String json = document("script-engine-manager.json");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.of(json));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e).hasMessageThat().contains("replay does not construct javax.script.ScriptEngineManager");
    assertThat(e).hasMessageThat().contains("allowPackages(\"javax.script\")");
  }

  @Test
  void refusedClass_staticInitialiserDoesNotRun() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.of(LOUD));

    assertThat(e).hasMessageThat().contains("replay does not construct " + OUTER + "Loud");
    assertThat(InitFlag.initialised).isFalse();
  }

  @Test
  void classWithoutInject_isRefusedByDefault() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.of(PLAIN));

    assertThat(e).hasMessageThat().contains("allowPackages(\"dev.aijson.core.internal\")");
  }

  @Test
  void allowPackages_liftsTheRefusal() {
    AiJsonReplayer replayer = AiJsonReplayer.of(
        AiJsonDocument.parse(PLAIN), getClass().getClassLoader(), "dev.aijson.core.internal");

    assertThat(((Plain) replayer.build()).n).isEqualTo(4);
  }

  @Test
  void allowPackages_parentPackage_coversSubPackages() {
    AiJsonReplayer replayer = AiJsonReplayer.of(
        AiJsonDocument.parse(PLAIN), getClass().getClassLoader(), "dev.aijson");

    assertThat(replayer.build()).isInstanceOf(Plain.class);
  }

  @Test
  void allowPackages_namePrefixThatIsNotAPackage_doesNotAllow() {
    AiJsonDocument document = AiJsonDocument.parse(PLAIN);
    ClassLoader loader = getClass().getClassLoader();

    assertThrows(AiJsonException.class, () -> AiJsonReplayer.of(document, loader, "dev.aijson.co"));
  }

  @Test
  void allowPackages_jdkPackage_liftsTheRefusalForJdkClasses() {
    AiJsonReplayer replayer = AiJsonReplayer.of(
        AiJsonDocument.parse(PROCESS_BUILDER), getClass().getClassLoader(), "java.lang");

    assertThat(replayer.allowedPackages()).containsExactly("java.lang");
  }

  @Test
  void allowPackages_wither_addsToTheAllowedPackages() {
    AiJsonReplayer replayer = AiJsonReplayer.of(document("empty.json"))
        .allowPackages("com.acme")
        .allowPackages("com.acme", "org.example.models");

    assertThat(replayer.allowedPackages()).containsExactly("com.acme", "org.example.models").inOrder();
  }

  @Test
  void allowPackages_wildcard_isRejected() {
    AiJsonReplayer replayer = AiJsonReplayer.of(document("empty.json"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> replayer.allowPackages("com.acme.*"));

    assertThat(e).hasMessageThat().isEqualTo("allowPackages: \"com.acme.*\" is not a package name;"
        + " write it as com.acme.models (sub-packages are included, no wildcard).");
  }

  @Test
  void aiJsonAnnotatedClass_isConstructedWithoutInject() {
    String json = document("marked.json");

    assertThat(((Marked) AiJsonReplayer.of(json).build()).n).isEqualTo(2);
  }

  @Test
  void memberOfAClassThatIsNotAllowed_isRefused() {
    String json = document("marked-settable-with-set-name-member.json");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.of(json));

    assertThat(e.path()).isEqualTo("/vars/var0/members/setName");
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "MarkedSettable): member"
        + " \"setName\": replay does not inject setName of " + OUTER + "Named: its package is not"
        + " allowed and neither the class nor the member is annotated @AiJson (@Inject alone is not"
        + " enough). Allow it with AiJsonReplayer.allowing(\"dev.aijson.core.internal\") or"
        + " allowPackages(\"dev.aijson.core.internal\"), or annotate the class with @AiJson. Fix or"
        + " remove the member at /vars/var0/members/setName.");
  }

  @Test
  void memberWithoutInject_inAllowedPackage_isSet() {
    String json = document("settable-with-set-name-member.json");

    Settable settable = (Settable) AiJsonReplayer.allowing("dev.aijson.core.internal").of(json).build();

    assertThat(settable.name).isEqualTo("x");
  }

  private static final String COUNTER_CALL = document("counter-twice-call.json");

  @Test
  void callWithoutAiJson_isRefused() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.of(COUNTER_CALL));

    assertThat(e.problems().get(1).path()).isEqualTo("/vars/var1/caller");
    assertThat(e.problems().get(1).message()).isEqualTo("var1 (" + OUTER + "Counter#twice): replay"
        + " does not call " + OUTER + "Counter#twice: its package is not allowed and neither the"
        + " class nor the method is annotated @AiJson. Allow it with"
        + " AiJsonReplayer.allowing(\"dev.aijson.core.internal\") or"
        + " allowPackages(\"dev.aijson.core.internal\"), or annotate the class with @AiJson; the document names it at /vars/var1/caller.");
  }

  @Test
  void callWithoutAiJson_inAllowedPackage_isInvoked() {
    AiJsonReplayer replayer = AiJsonReplayer.of(
        AiJsonDocument.parse(COUNTER_CALL), getClass().getClassLoader(), "dev.aijson.core.internal");

    assertThat(replayer.build()).isEqualTo(42);
  }

  @Test
  void providerGetCall_isRefusedByDefault() {
    String json = document("name-provider-get-call.json");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.of(json));

    assertThat(e.problems().get(1).message()).isEqualTo("var1 (" + OUTER + "NameProvider#get):"
        + " replay does not call " + OUTER + "NameProvider#get: its package is not allowed and"
        + " neither the class nor the method is annotated @AiJson. Allow it with"
        + " AiJsonReplayer.allowing(\"dev.aijson.core.internal\") or"
        + " allowPackages(\"dev.aijson.core.internal\"), or annotate the class with @AiJson; the document names it at /vars/var1/caller.");
  }

  @Test
  void providerGetCall_inAllowedPackage_isInvoked() {
    String json = document("name-provider-get-call.json");

    assertThat(AiJsonReplayer.allowing("dev.aijson.core.internal").of(json).build()).isEqualTo("provided");
  }

  // Regression: annotating a class @AiJson opted in every method it inherited, so a document could
  // call Thread#start (or Object#notify, ArrayList#clear) on a component that extends a library class.
  @Test
  void callOfAMethodAnAiJsonClassInherits_fromALibraryClass_isRefused() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonReplayer.of(document("worker-start-call.json")));

    assertThat(e.path()).isEqualTo("/vars/var1/caller");
    assertThat(e).hasMessageThat().isEqualTo("var1 (" + OUTER + "Worker#start): replay does not"
        + " call " + OUTER + "Worker#start: the method is declared by java.lang.Thread, whose"
        + " package is not allowed and which is not annotated @AiJson (allowing or annotating "
        + OUTER + "Worker opts in the methods it declares, not those it inherits). Allow it with"
        + " AiJsonReplayer.allowing(\"java.lang\") or allowPackages(\"java.lang\") if that package"
        + " is trusted, or record an @AiJson method Worker declares itself; the document names it"
        + " at /vars/var1/caller.");
    assertThat(Worker.ran).isFalse();
  }

  @Test
  void callOfObjectNotify_onAClassOfAnAllowedPackage_isRefused() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonReplayer.allowing("dev.aijson.core.internal").of(document("worker-notify-call.json")));

    assertThat(e.path()).isEqualTo("/vars/var1/caller");
    assertThat(e).hasMessageThat().contains("the method is declared by java.lang.Object, whose package"
        + " is not allowed");
  }

  @Test
  void callOfAMethodTheAiJsonClassDeclares_isInvoked() {
    assertThat(AiJsonReplayer.of(document("worker-fit-call.json")).build()).isEqualTo(3);
  }

  @Test
  void providesOfAMethodAnAiJsonClassInherits_isRefused() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonReplayer.of(document("labels-provides-inherited.json")));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e).hasMessageThat().contains("replay does not call " + OUTER + "Labels#isEmpty: the"
        + " method is declared by java.util.ArrayList, whose package is not allowed");
  }

  @Test
  void objectParameter_typeIdInJson_isReadAsPlainData() {
    String json = document("holder-with-type-id.json");

    Holder holder = (Holder) AiJsonReplayer.allowing("dev.aijson.core.internal").of(json).build();

    assertThat(holder.value).isEqualTo(Map.of("@class", "java.lang.ProcessBuilder", "command", java.util.List.of("sh")));
  }

  @Test
  void deeplyNestedDocument_isRefusedByTheReaderBound() {
    String json = """
        {"aijson": 1, "vars": {"var0": {"kind": "constructor", "module": "dev.aijson.core.internal", \
        "caller": "ReplaySecurityTest$Holder", "signature": ["java.lang.Object"], "kwargs": {"value": %s}}}}\
        """.formatted("[".repeat(100_000) + "]".repeat(100_000));

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.of(json));

    assertThat(e).hasMessageThat().contains("deeper than 64 levels");
  }
}
