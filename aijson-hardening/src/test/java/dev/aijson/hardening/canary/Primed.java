package dev.aijson.hardening.canary;

import dev.aijson.hardening.Census;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * A library's binding annotation whose constant has an initialiser with side effects: a
 * document may name it as a key's qualifier, and replay must not initialise it.
 */
@Retention(RetentionPolicy.RUNTIME)
@com.google.inject.BindingAnnotation
public @interface Primed {
  String ARMED = Census.initialisedAs(Primed.class);
}
