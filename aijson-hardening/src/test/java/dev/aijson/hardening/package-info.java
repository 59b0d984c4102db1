/**
 * Hardening of aijson: fuzz targets, hostile documents, replay security, faults, load and memory,
 * and the generator of docs/RELIABILITY.md from their figures.
 */
package dev.aijson.hardening;
