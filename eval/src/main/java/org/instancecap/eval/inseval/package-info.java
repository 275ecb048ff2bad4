/**
 * Inseval (DESIGN §2.6): the prompt files ({@link org.instancecap.eval.inseval.PromptSet}), the judges
 * of a generated video against its prompt ({@link org.instancecap.eval.inseval.ChatJudge}, the chain of
 * questions to a multimodal chat model; {@link org.instancecap.eval.inseval.OfflineProxyJudge}, a
 * labelled stand-in for colour without a server) and the table of scores in the paper's layout
 * ({@link org.instancecap.eval.inseval.InsevalTable}).
 */
package org.instancecap.eval.inseval;
