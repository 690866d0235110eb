// The conformance suite cannot send request headers: this pass-through proxy adds the API key as
// Authorization and forwards everything else, Host and Origin included, unchanged.
// usage: node proxy.mjs <listen port> <silo port> <api key>
import http from 'node:http';

const [, , listenPort, targetPort, key] = process.argv;
http.createServer((req, res) => {
  const headers = { ...req.headers, authorization: `Bearer ${key}` };
  const upstream = http.request({ host: '127.0.0.1', port: Number(targetPort), method: req.method, path: req.url, headers }, (up) => {
    res.writeHead(up.statusCode, up.headers);
    up.pipe(res);
  });
  upstream.on('error', (error) => {
    res.writeHead(502);
    res.end(String(error));
  });
  req.pipe(upstream);
}).listen(Number(listenPort), '127.0.0.1', () => console.log(`proxy listening on ${listenPort}`));
