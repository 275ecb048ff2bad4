/**
 * Caption fidelity by reconstruction via recaption: how much of an original video comes back in the
 * video a text-to-video model makes from its caption. {@link org.instancecap.eval.fidelity.SentenceScore}
 * (CLIP sentence by sentence: {@link org.instancecap.eval.fidelity.ClipModel} with
 * {@link org.instancecap.eval.fidelity.ClipTokenizer} and {@link org.instancecap.eval.fidelity.ClipPreprocessing})
 * and {@link org.instancecap.eval.fidelity.VaeEncoder} (the 3DVAE distance), run over pairs matched by name
 * ({@link org.instancecap.eval.fidelity.FidelityPairs}) as a batch job ({@link org.instancecap.eval.fidelity.FidelityJob}).
 * The models are the user's ONNX exports; none is bundled.
 */
package org.instancecap.eval.fidelity;
