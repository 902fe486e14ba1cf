// The dev server's proxy to the API: follows PORT (the API's port), like `npm start` does.
const target = `http://localhost:${process.env.PORT || 3000}`;

export default {
  '/api': { target, secure: false, changeOrigin: false },
  '/docs': { target, secure: false, changeOrigin: false },
};
