/**
 * The spec of a run: serialisable records of which stage implementations a run uses, by name, with
 * their model files and settings ({@link org.instancecap.core.spec.RunSpec} at the top). Commands,
 * cluster jobs and tests start from one; secrets are named by environment variable, never held.
 */
package org.instancecap.core.spec;
