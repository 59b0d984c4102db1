package dev.aijson.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks model code for aijson.
 *
 * <p>On a method of a Guice-built class, every call of the method is logged as a {@code call} var
 * with its receiver, its arguments and its result. On a type, it marks the type as a model
 * component that replay may construct even without an {@code @Inject} constructor.
 *
 * <pre>{@code
 * @AiJson
 * public class Trainer {
 *   @AiJson
 *   public Model fit(SentimentPipeline pipeline, int epochs, double learningRate) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AiJson {}
