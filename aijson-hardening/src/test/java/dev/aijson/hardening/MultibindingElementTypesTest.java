package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.replay.AiJsonReplayer;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import dev.aijson.guice.ReplayModule;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A multibinding var names its elements' type itself, where a constructor's parameters are
 * declared by an allowed class: a record, enum or bean it names is made, or initialised, only if
 * the security policy allows that class. Regression: such elements were built under the default
 * policy, whatever package the document named.
 */
class MultibindingElementTypesTest {
  private static final String FUSE = "dev.aijson.hardening.canary.Fuse";
  private static final String TRIGGER = "dev.aijson.hardening.canary.Trigger";

  private static String multibinding(String caller, String collection, String signature, String kwargs) {
    return "{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"multibinding\", \"module\":"
        + " \"com.google.inject.multibindings\", \"caller\": \"" + caller + "\", \"key\": \"" + collection
        + "\", \"signature\": " + signature + ", \"kwargs\": " + kwargs + "}}}";
  }

  private static final String SET_OF_FUSES = multibinding("Multibinder", "java.util.Set<" + FUSE + ">",
      "[\"" + FUSE + "\"]", "{\"elements\": [{\"length\": 1}]}");
  private static final String SET_OF_TRIGGERS = multibinding("Multibinder", "java.util.Set<" + TRIGGER + ">",
      "[\"" + TRIGGER + "\"]", "{\"elements\": [\"ARMED\"]}");
  private static final String OPTIONAL_FUSE = multibinding("OptionalBinder", "java.util.Optional<" + FUSE + ">",
      "[\"" + FUSE + "\"]", "{\"value\": {\"length\": 2}}");
  private static final String MAP_OF_FUSES = multibinding("MapBinder",
      "java.util.Map<java.lang.String, " + FUSE + ">", "[\"java.lang.String\", \"" + FUSE + "\"]",
      "{\"keys\": [\"a\"], \"values\": [{\"length\": 3}]}");
  private static final String SET_OF_FUSE_ARRAYS = multibinding("Multibinder", "java.util.Set<" + FUSE + "[]>",
      "[\"" + FUSE + "[]\"]", "{\"elements\": [[{\"length\": 4}]]}");

  @Test
  void defaultPolicy_elementsOfALibrarysRecordOrEnum_areRefusedAndNothingIsInitialised() {
    long constructed = Census.constructions();

    for (String json : new String[] {SET_OF_FUSES, SET_OF_TRIGGERS, OPTIONAL_FUSE, MAP_OF_FUSES, SET_OF_FUSE_ARRAYS}) {
      CreationException byGuice = assertThrows(CreationException.class,
          () -> Guice.createInjector(ReplayModule.from(json)), json);
      assertThat(byGuice.getCause()).isInstanceOf(AiJsonException.class);
      assertThat(((AiJsonException) byGuice.getCause()).path()).startsWith("/vars/var0/signature/");
      assertThrows(AiJsonException.class, () -> AiJsonReplayer.of(json).build(), json);
      assertThrows(AiJsonException.class, () -> ReplayModule.allowing("dev.aijson.hardening.other").from(json), json);
    }

    assertThat(Census.constructions()).isEqualTo(constructed);
    assertThat(Census.isInitialised(FUSE)).isFalse();
    assertThat(Census.isInitialised(TRIGGER)).isFalse();
  }

  @Test
  void defaultPolicy_refusal_namesTheClassTheRuleAndTheFix() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("com.acme").from(SET_OF_FUSES));

    assertThat(e.path()).isEqualTo("/vars/var0/signature/0");
    assertThat(e).hasMessageThat().contains("replay does not make the record " + FUSE + ", which the"
        + " document names as the type of a multibinding's elements: its package is not allowed and"
        + " the class is not annotated @AiJson. Allow it with ReplayModule.allowing(\"dev.aijson.hardening.canary\")");
  }

  /** A record of the application's own, in a set binder, recorded and replayed as serving code does. */
  record Threshold(double value) {}

  static final class ThresholdsModule extends AbstractModule {
    @Override
    protected void configure() {
      Multibinder<Threshold> thresholds = Multibinder.newSetBinder(binder(), Threshold.class);
      thresholds.addBinding().toInstance(new Threshold(0.5));
      thresholds.addBinding().toInstance(new Threshold(0.9));
    }
  }

  private static final Key<Set<Threshold>> THRESHOLDS = Key.get(new TypeLiteral<Set<Threshold>>() {});

  private static String recordThresholds() {
    Injector training = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new ThresholdsModule());
    training.getInstance(THRESHOLDS);
    return training.getInstance(AiJsonLog.class).toJson();
  }

  @Test
  void allowedPackage_elementsOfItsRecord_areReplayed() {
    String json = recordThresholds();

    Set<Threshold> upFront = Guice.createInjector(ReplayModule.allowing("dev.aijson.hardening").from(json))
        .getInstance(THRESHOLDS);
    Set<Threshold> deferred = Guice.createInjector(ReplayModule.from(json).allowPackages("dev.aijson.hardening"))
        .getInstance(THRESHOLDS);

    assertThat(upFront).containsExactly(new Threshold(0.5), new Threshold(0.9));
    assertThat(deferred).containsExactly(new Threshold(0.5), new Threshold(0.9));
  }

  @Test
  void defaultPolicy_recordedElementsOfTheApplicationsRecord_areARefusalAllowPackagesLifts() {
    String json = recordThresholds();
    ReplayModule refused = ReplayModule.from(json); // does not throw: allowing the package lifts it

    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(refused));

    assertThat(e.getCause()).hasMessageThat().contains("replay does not make the record "
        + Threshold.class.getName());
    assertThat(refused.document().vars()).isNotEmpty();
  }
}
