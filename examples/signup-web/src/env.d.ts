/// <reference types="vite/client" />

/** The face-api version the page was built with (it names the weights' URL). */
declare const __FACE_API_VERSION__: string;
