// `doorway/element`: importing it defines <doorway-chat>.
import { defineDoorwayElement } from './package.ts'

defineDoorwayElement()
