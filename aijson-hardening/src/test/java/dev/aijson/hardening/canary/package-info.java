/** Classes replay would be allowed to use but no test initialises: canaries for initialisation. */
package dev.aijson.hardening.canary;
