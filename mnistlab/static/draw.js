// mnistlab draw-a-digit canvas (anywidget). Draw with mouse, pen or finger, or upload a photo/scan.
// Sends a grey image (0-255 bytes, row by row) to Python: traits pixels, width, height, kind.
const SIZE = 280; // canvas pixels
const SEND = 140; // the drawing is sent at half resolution: plenty for a 20 x 20 px result
const PHOTO = 280; // an uploaded picture is fitted into PHOTO x PHOTO before it is sent

function grey(ctx, w, h) {
  const rgba = ctx.getImageData(0, 0, w, h).data;
  const out = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    out[i] = Math.round(0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]);
  }
  return out;
}

function render({ model, el }) {
  const labels = model.get("labels") || {};
  const root = document.createElement("div");
  root.className = "mnistlab-draw";
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = SIZE;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const small = document.createElement("canvas");
  const sctx = small.getContext("2d", { willReadFrequently: true });
  let drawing = false, last = null, lastSent = 0, photo = false;

  function clear() {
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, SIZE, SIZE);
    photo = false;
  }
  function send(kind, source, w, h) {
    small.width = w;
    small.height = h;
    sctx.fillStyle = "#fff";
    sctx.fillRect(0, 0, w, h); // transparent parts of a photo count as white paper
    sctx.drawImage(source, 0, 0, w, h);
    const pixels = grey(sctx, w, h);
    model.set("width", w);
    model.set("height", h);
    model.set("kind", kind);
    model.set("pixels", new DataView(pixels.buffer));
    model.save_changes();
    lastSent = performance.now();
  }
  function sendDrawing() {
    send("draw", canvas, SEND, SEND);
  }
  function pos(e) {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * SIZE) / r.width, ((e.clientY - r.top) * SIZE) / r.height];
  }
  function stroke(a, b) {
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 20;
    ctx.lineCap = ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(a[0], a[1]);
    ctx.lineTo(b[0], b[1]);
    ctx.stroke();
  }

  canvas.addEventListener("pointerdown", (e) => {
    if (photo) clear(); // drawing after an upload starts a fresh drawing
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    last = pos(e);
    stroke(last, last);
    e.preventDefault();
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!drawing) return;
    const p = pos(e);
    stroke(last, p);
    last = p;
    if (performance.now() - lastSent > 250) sendDrawing(); // live, but at most 4 messages per second
  });
  const end = () => {
    if (drawing) {
      drawing = false;
      sendDrawing();
    }
  };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  const buttons = document.createElement("div");
  buttons.className = "mnistlab-draw-buttons";
  const clearButton = document.createElement("button");
  clearButton.className = "mnistlab-draw-clear";
  clearButton.textContent = labels.clear || "Clear";
  clearButton.addEventListener("click", () => {
    clear();
    sendDrawing();
  });
  const upload = document.createElement("label");
  upload.className = "mnistlab-draw-upload";
  upload.textContent = labels.upload || "Upload a photo";
  const input = document.createElement("input");
  input.type = "file";
  input.accept = "image/png,image/jpeg,image/*";
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const bitmap = await createImageBitmap(file); // the browser decodes PNG/JPEG: no Pillow in Python
    const scale = Math.min(1, PHOTO / Math.max(bitmap.width, bitmap.height));
    const w = Math.max(1, Math.round(bitmap.width * scale));
    const h = Math.max(1, Math.round(bitmap.height * scale));
    clear();
    const shown = Math.min(SIZE / w, SIZE / h);
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, SIZE, SIZE);
    ctx.drawImage(bitmap, (SIZE - w * shown) / 2, (SIZE - h * shown) / 2, w * shown, h * shown);
    photo = true;
    send("photo", bitmap, w, h);
    input.value = "";
  });
  upload.appendChild(input);
  buttons.append(clearButton, upload);
  clear();
  root.append(canvas, buttons);
  el.appendChild(root);
}

export default { render };
