/**
 * The aijson document: its model, its JSON form, how Java values are encoded into it and how a
 * document is rebuilt into objects by reflection, with no dependency on Guice.
 */
package dev.aijson.core;
