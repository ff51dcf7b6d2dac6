/// <reference types="vite/client" />

/** The face-api version the page was built with (it names the weights' URL). */
declare const __FACE_API_VERSION__: string;
/** The @tensorflow/tfjs-backend-wasm version bundled with Amplify's liveness component (it names the WASM files' URL). */
declare const __AMPLIFY_TFJS_WASM_VERSION__: string;
/** Where the deployment hosts Azure's web liveness SDK module (empty: not deployed). */
declare const __AZURE_FACE_UI_URL__: string;
