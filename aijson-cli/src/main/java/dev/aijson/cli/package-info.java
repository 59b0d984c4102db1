/** The {@code aijson} command line: show, validate, diff, params, draw, generate code
 * and override. */
package dev.aijson.cli;
