import { AdminLayout } from './shared/layout.tsx'
import { mountAdminPage } from './shared/mount.tsx'

mountAdminPage(
  <AdminLayout current="links" heading="Link builder">
    <p>Pick a bot to build its links.</p>
  </AdminLayout>,
)
