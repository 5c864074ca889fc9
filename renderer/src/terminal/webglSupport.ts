/**
 * Whether WebGL here runs on a GPU. Software WebGL (SwiftShader, llvmpipe: VMs, remote desktops,
 * machines without GPU drivers) draws a terminal several times slower than xterm's DOM renderer.
 */
export function hasHardwareWebgl(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return !/swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}
