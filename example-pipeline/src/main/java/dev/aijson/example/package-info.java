/**
 * A sentiment classifier for product reviews wired with Guice: a subword tokenizer, a Tribuo
 * linear layer and a label reader, trained with its wiring recorded by aijson and served by
 * replaying that record.
 */
package dev.aijson.example;
