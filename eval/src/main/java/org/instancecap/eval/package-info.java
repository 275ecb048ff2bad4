/**
 * The paper's measurements: Inseval (does a text-to-video model render each instance's attributes),
 * caption fidelity by reconstruction via recaption (CLIP sentence by sentence, 3DVAE score), and the
 * caption judge of the user-study rubric.
 */
package org.instancecap.eval;
