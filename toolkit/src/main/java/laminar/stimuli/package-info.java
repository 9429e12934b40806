/**
 * Stimuli: the word list with categories ({@link laminar.stimuli.WordList}) and the sentence template
 * ({@link laminar.stimuli.Template}).
 */
package laminar.stimuli;
