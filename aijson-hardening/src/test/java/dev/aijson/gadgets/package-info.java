/**
 * Policy gadgets: library-style classes outside the packages serving allows, with side effects
 * a hostile document would like to trigger.
 */
package dev.aijson.gadgets;
