// Limits the evaluation form shows in the browser (a textarea's maxLength), apart from the
// schemas so that the form does not load the schema library to read a number.

/** The longest comment on an indicator when an evaluation is returned. */
export const RETURN_COMMENT_MAX = 500;
