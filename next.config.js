/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules stay out of the bundle (STACK.md).
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3'],
  poweredByHeader: false,
};
module.exports = nextConfig;
