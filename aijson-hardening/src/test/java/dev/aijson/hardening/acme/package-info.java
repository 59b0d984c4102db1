/**
 * Classes of "the application", the one package the security tests allow: canaries of other
 * packages ({@code dev.aijson.hardening.canary}) must stay unmade whatever a document says.
 */
package dev.aijson.hardening.acme;
