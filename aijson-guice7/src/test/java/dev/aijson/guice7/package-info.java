/** Tests of aijson-guice on Guice 7 that only Guice 7 can run: jakarta.inject alone, javax.inject absent. */
package dev.aijson.guice7;
