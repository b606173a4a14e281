// Pure, without Ink: the first paint draws the spinner's first frame before Ink loads.

/** The dots spinner of cli-spinners. */
export const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;
