/** Truth subjects for asserting what an aijson document recorded, in users' own tests. */
package dev.aijson.truth;
