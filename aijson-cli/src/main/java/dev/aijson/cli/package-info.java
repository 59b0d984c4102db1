/** The {@code aijson} command line: show, validate, diff, draw, generate code and override. */
package dev.aijson.cli;
