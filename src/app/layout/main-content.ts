/** The id of every page's main landmark, where the skip link sends keyboard focus. */
export const MAIN_CONTENT_ID = 'main-content'
